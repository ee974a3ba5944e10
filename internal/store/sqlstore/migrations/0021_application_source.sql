-- Where each application's candidate came from before the job page (the
-- board, NAV, FINN, no referrer, or another site's host), as internal/stats
-- classifies it: the "received" hop of the application's ledger and the
-- per-source statistics. Never personal data; '' for applications from
-- before it was kept.
ALTER TABLE applications ADD COLUMN source TEXT NOT NULL DEFAULT '';
