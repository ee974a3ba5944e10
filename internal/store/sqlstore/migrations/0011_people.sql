-- Issue 14: the people who sign in, the ads' recruiting teams, and what
-- retention, export and erasure need. One schema for both databases.

-- Users of an account (role admin or user) and the installation's
-- operators (role operator, no account): one identity model for the
-- employer portal and the operator console. An e-mail (stored lower-cased)
-- is one user in the whole installation. password_hash is '' until the
-- user sets one through a one-time link. failed_logins counts wrong
-- passwords in a row; blocked_until ends the block they caused.
CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    account_id      TEXT REFERENCES accounts(id),
    email           TEXT NOT NULL,
    role            TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    blocked_until   BIGINT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE INDEX users_account ON users (account_id, email);

-- One-time links (set a password on invitation, reset it). Only the
-- SHA-256 (hex) of the token is kept, so the database cannot sign anyone in.
CREATE TABLE user_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    purpose     TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX user_tokens_user ON user_tokens (user_id);

-- Signed-in sessions, by the SHA-256 (hex) of the cookie's token. A
-- session ends at expires_at (absolute) or idle_until (renewed on use),
-- whichever is first.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    csrf        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    idle_until  BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- An ad's recruiting team, by lower-cased e-mail: matched to users when
-- read, so a recruiter the ATS names before the user exists is on the team
-- once the user is created. source is 'ats' (named by the vendor; added
-- again while the vendor names them) or 'portal' (added by a person).
CREATE TABLE ad_team (
    ad_id     TEXT NOT NULL REFERENCES ads(id),
    email     TEXT NOT NULL,
    source    TEXT NOT NULL,
    added_at  BIGINT NOT NULL,
    PRIMARY KEY (ad_id, email)
);
CREATE INDEX ad_team_email ON ad_team (email, ad_id);

-- Retention per account: NULL takes the installation's default
-- (JOBGATE_RETENTION_DAYS). cv_days_after_delivery, when set, deletes an
-- application's files that many days after the ATS confirmed delivery.
ALTER TABLE accounts ADD COLUMN retention_days INTEGER;
ALTER TABLE accounts ADD COLUMN cv_days_after_delivery INTEGER;

-- candidate_key is an HMAC of the candidate's lower-cased e-mail under a
-- key derived from the master key: export and erasure find a candidate's
-- applications by index without the e-mail being stored a second time in
-- clear. '' for applications stored before (found by reading content).
-- files_deleted_at is when the files were deleted ahead of the
-- application (cv_days_after_delivery).
ALTER TABLE applications ADD COLUMN candidate_key TEXT NOT NULL DEFAULT '';
CREATE INDEX applications_candidate ON applications (candidate_key);
ALTER TABLE applications ADD COLUMN files_deleted_at BIGINT;
CREATE INDEX applications_created ON applications (account_id, created_at);

-- What stays of deleted applications: counts per ad and day (UTC) of
-- applications received and delivered, for statistics. No personal data.
CREATE TABLE application_counts (
    account_id  TEXT NOT NULL,
    ad_id       TEXT NOT NULL,
    day         TEXT NOT NULL,
    received    INTEGER NOT NULL,
    delivered   INTEGER NOT NULL,
    PRIMARY KEY (account_id, ad_id, day)
);

-- Erasure receipts: what was erased for a request (how many applications)
-- and where those applications had been forwarded (JSON: account,
-- integration, vendor, the ATS's id, when, and whether the vendor's
-- erasure API was called), so the employer can erase there too. Never the
-- e-mail or anything else about the candidate.
CREATE TABLE erasure_receipts (
    id            TEXT PRIMARY KEY,
    at            BIGINT NOT NULL,
    actor         TEXT NOT NULL,
    account_id    TEXT NOT NULL,
    applications  INTEGER NOT NULL,
    forwarded     TEXT NOT NULL
);
