-- Applications candidates sent through the board, their files, and the
-- delivery (kind 'apply') that takes each to the employer's ATS. The files
-- are kept in the database, written in the same transaction as the
-- application and its delivery, so an accepted application is never
-- without its CV.
CREATE TABLE applications (
    id               TEXT PRIMARY KEY,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    integration_id   TEXT NOT NULL REFERENCES integrations(id),
    ad_id            TEXT NOT NULL REFERENCES ads(id),
    applier          TEXT NOT NULL,
    delivery_id      TEXT NOT NULL REFERENCES deliveries(id),
    token_hash       BYTEA NOT NULL,
    idempotency_key  TEXT NOT NULL,
    dedupe_key       TEXT NOT NULL,
    content          TEXT NOT NULL,
    ats_id           TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    delivered_at     BIGINT
);
CREATE UNIQUE INDEX applications_idempotency ON applications (ad_id, idempotency_key) WHERE idempotency_key <> '';
CREATE INDEX applications_dedupe ON applications (dedupe_key, created_at);
CREATE UNIQUE INDEX applications_delivery ON applications (delivery_id);

CREATE TABLE application_documents (
    application_id  TEXT NOT NULL REFERENCES applications(id),
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    size            BIGINT NOT NULL,
    sha256          TEXT NOT NULL,
    data            BYTEA NOT NULL,
    PRIMARY KEY (application_id, seq)
);
