-- What the operator console reads without scanning tables: each
-- integration's newest ad change, and what came in over the last hour
-- (ad revisions and applications written since a time).
CREATE INDEX ads_integration_updated ON ads (integration_id, updated_at);
CREATE INDEX ad_revisions_created ON ad_revisions (created_at);
CREATE INDEX applications_created_at ON applications (created_at);
