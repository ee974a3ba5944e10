-- The audit log is read newest first by time (ListAudit): ids made in one
-- millisecond do not sort by time, so "at" orders it and this index keeps
-- that read from sorting the whole log.
CREATE INDEX audit_log_at ON audit_log (at);
