-- An ad's publish time (microseconds since the epoch) while it is
-- scheduled, status 'scheduled': the release pass finds the due ones with
-- the partial index. The column is read only for scheduled ads; 0 is none.
ALTER TABLE ads ADD COLUMN publish_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ads_scheduled ON ads (publish_at) WHERE status = 'scheduled';
