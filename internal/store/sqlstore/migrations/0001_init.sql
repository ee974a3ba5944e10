-- One schema for SQLite and Postgres. Times are Unix microseconds (BIGINT),
-- so both databases store and compare them the same way; SQLite stores BYTEA
-- columns' blobs as they are.
CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE integrations (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts(id),
    vendor          TEXT NOT NULL,
    settings        TEXT NOT NULL,
    sealed_secrets  BYTEA,
    status          TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX integrations_account ON integrations (account_id);

CREATE TABLE api_keys (
    id              TEXT PRIMARY KEY,
    integration_id  TEXT NOT NULL REFERENCES integrations(id),
    account_id      TEXT NOT NULL REFERENCES accounts(id),
    hash            BYTEA NOT NULL,
    sealed_secret   BYTEA,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT,
    revoked_at      BIGINT
);
CREATE INDEX api_keys_integration ON api_keys (integration_id);

CREATE TABLE ads (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts(id),
    integration_id  TEXT NOT NULL REFERENCES integrations(id),
    reference       TEXT NOT NULL,
    status          TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    hash            TEXT NOT NULL,
    content         TEXT NOT NULL,
    title           TEXT NOT NULL,
    employer_text   TEXT NOT NULL,
    search_text     TEXT NOT NULL,
    location_text   TEXT NOT NULL,
    apply_mode      TEXT NOT NULL,
    apply_url       TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (integration_id, reference)
);
CREATE INDEX ads_status ON ads (status, id);

CREATE TABLE ad_revisions (
    ad_id       TEXT NOT NULL REFERENCES ads(id),
    revision    INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    content     TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (ad_id, revision)
);

CREATE TABLE publications (
    ad_id       TEXT NOT NULL REFERENCES ads(id),
    channel     TEXT NOT NULL,
    state       TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    url         TEXT NOT NULL,
    reason      TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (ad_id, channel)
);
CREATE INDEX publications_channel_state ON publications (channel, state, ad_id);

CREATE TABLE deliveries (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    channel          TEXT NOT NULL,
    ad_id            TEXT REFERENCES ads(id),
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    integration_id   TEXT NOT NULL REFERENCES integrations(id),
    revision         INTEGER NOT NULL,
    state            TEXT NOT NULL,
    generation       INTEGER NOT NULL,
    attempts         INTEGER NOT NULL,
    last_error       TEXT NOT NULL,
    next_attempt_at  BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    delivered_at     BIGINT
);
CREATE INDEX deliveries_state ON deliveries (state, id);
CREATE INDEX deliveries_pending ON deliveries (id) WHERE state = 'pending';
CREATE INDEX deliveries_ad ON deliveries (ad_id, id);

CREATE TABLE audit_log (
    id       TEXT PRIMARY KEY,
    at       BIGINT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    detail   TEXT NOT NULL
);
