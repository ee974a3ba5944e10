-- An application's content hash: the SHA-256 of every part of the
-- submission (issue 13). Without an Idempotency-Key a submission repeats
-- an earlier one only when its content hash is the same, no longer when
-- only its job, e-mail and CV are (the dedupe key, dropped here); with a
-- key, the key is bound to the content hash it was first used with.
-- Applications stored before have '' and so match no submission: their
-- keys answer idempotency_key_reused rather than a receipt no one can
-- prove is the sender's.
ALTER TABLE applications ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
DROP INDEX applications_dedupe;
ALTER TABLE applications DROP COLUMN dedupe_key;
CREATE INDEX applications_content ON applications (ad_id, content_hash, created_at);
