-- Per-ad source counts (internal/stats): one row per ad, UTC day and
-- source (a class name or another site's host), written as increments by
-- the stats flusher. No foreign key to ads: a row is only ever written for
-- an ad that was read, ads are never deleted, and a flush must not fail as
-- a whole for one row. Not personal data.
CREATE TABLE ad_stats (
    ad_id        TEXT NOT NULL,
    day          TEXT NOT NULL,
    source       TEXT NOT NULL,
    views        BIGINT NOT NULL DEFAULT 0,
    apply_starts BIGINT NOT NULL DEFAULT 0,
    applications BIGINT NOT NULL DEFAULT 0,
    delivered    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (ad_id, day, source)
);
