-- The application's ledger: every hop an application takes (received,
-- stored, each delivery attempt, accepted by the ATS, replayed by an
-- operator, a later status the ATS reports), in order, each written in the
-- same transaction as the state change it records, so the ledger never
-- disagrees with the application and its delivery. No personal data:
-- detail holds a source, a count, an error class and reason (PII-free, as
-- the outbox writes them), an ATS id or a vendor's status word. Erasure
-- deletes an application's events with it.
CREATE TABLE application_events (
    application_id  TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    at              BIGINT NOT NULL,
    hop             TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    detail          TEXT NOT NULL,
    PRIMARY KEY (application_id, seq)
);
-- A later ATS status finds its application by the ATS's id, within one
-- integration.
CREATE INDEX applications_ats_id ON applications (integration_id, ats_id) WHERE ats_id <> '';
