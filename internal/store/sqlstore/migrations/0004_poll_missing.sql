-- The references missing from an integration's last snapshot whose
-- withdrawal waits for the next snapshot to miss them too (a JSON array).
ALTER TABLE poll_states ADD COLUMN missing TEXT NOT NULL DEFAULT '[]';
