-- Integrations whose direct apply degraded to redirect (their ATS kept
-- failing, or refused their credentials), shared by the api and worker
-- processes. restored_at is set when it ended: a row with restored_at NULL
-- is degraded now; a restored one keeps when, so that a failure that began
-- before a success cannot degrade the integration again.
CREATE TABLE apply_degradations (
    integration_id  TEXT PRIMARY KEY REFERENCES integrations(id),
    reason          TEXT NOT NULL,
    since           BIGINT NOT NULL,
    restored_at     BIGINT
);
-- A degraded integration's pending applications (whether any is left to
-- try the ATS with) without scanning every pending delivery.
CREATE INDEX deliveries_integration_pending ON deliveries (integration_id, kind) WHERE state = 'pending';
