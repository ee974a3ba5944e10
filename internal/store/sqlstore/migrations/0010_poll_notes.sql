-- What the last poll found wrong with single postings, for the sync view
-- (a JSON object: the skipped postings and those kept without a dropped
-- value, each with its reasons), and how many were kept with a warning.
ALTER TABLE poll_states ADD COLUMN notes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE poll_states ADD COLUMN warned INTEGER NOT NULL DEFAULT 0;
