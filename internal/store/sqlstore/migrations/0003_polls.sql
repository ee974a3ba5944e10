-- What jobgate knows of each polled integration's feed: the lease that lets
-- one worker poll it at a time (across replicas and the CLI), the last
-- outcome the sync view shows, the validators for the next conditional
-- request, withdrawals held back until a second poll confirms them, and
-- when to poll next. Times are Unix microseconds; 0 means never.
CREATE TABLE poll_states (
    integration_id   TEXT PRIMARY KEY REFERENCES integrations(id),
    lease_owner      TEXT NOT NULL,
    lease_until      BIGINT NOT NULL,
    last_poll_at     BIGINT NOT NULL,
    last_success_at  BIGINT NOT NULL,
    outcome          TEXT NOT NULL,
    error            TEXT NOT NULL,
    failures         INTEGER NOT NULL,
    listed           INTEGER NOT NULL,
    created          INTEGER NOT NULL,
    updated          INTEGER NOT NULL,
    withdrawn        INTEGER NOT NULL,
    unchanged        INTEGER NOT NULL,
    invalid          INTEGER NOT NULL,
    held             INTEGER NOT NULL,
    etag             TEXT NOT NULL,
    last_modified    TEXT NOT NULL,
    next_poll_at     BIGINT NOT NULL
);
CREATE INDEX poll_states_next ON poll_states (next_poll_at);
CREATE INDEX integrations_vendor ON integrations (vendor, id);
