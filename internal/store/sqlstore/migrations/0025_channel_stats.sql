-- Statistics channels report of their own (NAV's per-ad pageviews and
-- applicationurlclicks): one row per ad, channel and metric holding the
-- channel's running total as of updated_at (microseconds). A fetch replaces
-- a total with a newer one, so overlapping windows never count twice. Not
-- personal data.
CREATE TABLE channel_stats (
    ad_id       TEXT NOT NULL,
    channel     TEXT NOT NULL,
    metric      TEXT NOT NULL,
    total       BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    fetched_at  BIGINT NOT NULL,
    PRIMARY KEY (ad_id, channel, metric)
);
-- A channel's figures name the ad by its reference there.
CREATE INDEX publications_channel_reference ON publications (channel, reference);
