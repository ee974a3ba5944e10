-- The application deadline (YYYY-MM-DD, '' for none), copied out of the
-- content so the expiry job finds the live ads past it with an index.
ALTER TABLE ads ADD COLUMN deadline TEXT NOT NULL DEFAULT '';
CREATE INDEX ads_live_deadline ON ads (deadline) WHERE status = 'live' AND deadline <> '';
