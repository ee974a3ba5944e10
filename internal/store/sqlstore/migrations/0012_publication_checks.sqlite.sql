-- A publication's sent_at is when the channel last received the ad's
-- content (NAV files an upload asynchronously, so a 404 soon after it means
-- "not filed yet"), and checks counts the status checks in a row that left
-- it undecided in a way that must end (NAV's UNKNOWN). 0: none.
ALTER TABLE publications ADD COLUMN sent_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE publications ADD COLUMN checks INTEGER NOT NULL DEFAULT 0;
