-- The warnings of an ad's last push (a JSON array of {field, code,
-- message}: the vendor's values jobgate dropped or corrected, never the
-- values), and the instant its deadline is over (Unix microseconds: the
-- midnight after the deadline's date in the employer's time zone, see
-- ad.DeadlineEnd), which the expiry job reads instead of the date.
ALTER TABLE ads ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE ads ADD COLUMN deadline_end BIGINT;
-- Ads stored before this migration were judged in Oslo: their end is the
-- midnight after the date in Oslo. The next push of the ad writes its own
-- zone's end.
UPDATE ads SET deadline_end = (EXTRACT(EPOCH FROM ((deadline::date + 1)::timestamp AT TIME ZONE 'Europe/Oslo')) * 1000000)::BIGINT
    WHERE deadline <> '';
DROP INDEX ads_live_deadline;
CREATE INDEX ads_live_deadline_end ON ads (deadline_end) WHERE status = 'live' AND deadline_end IS NOT NULL;

-- jobgate_upsert_ad as in 0006, also writing the ad's warnings (on every
-- push, a new revision or not) and its deadline's end.
DROP FUNCTION jobgate_upsert_ad(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, BIGINT, TEXT[], TEXT[], TEXT);

CREATE FUNCTION jobgate_upsert_ad(
    p_ad_id TEXT, p_account_id TEXT, p_integration_id TEXT, p_reference TEXT,
    p_hash TEXT, p_content TEXT, p_title TEXT, p_employer_text TEXT,
    p_search_text TEXT, p_location_text TEXT, p_apply_mode TEXT, p_apply_url TEXT,
    p_now BIGINT, p_channels TEXT[], p_delivery_ids TEXT[], p_deadline TEXT,
    p_warnings TEXT, p_deadline_end BIGINT)
RETURNS TABLE (o_id TEXT, o_revision INTEGER, o_created BOOLEAN, o_changed BOOLEAN, o_created_at BIGINT, o_updated_at BIGINT)
LANGUAGE plpgsql AS $$
DECLARE
    cur RECORD;
    rev INTEGER;
BEGIN
    SELECT a.id, a.revision, a.hash, a.status, a.created_at, a.updated_at INTO cur
        FROM ads a WHERE a.integration_id = p_integration_id AND a.reference = p_reference FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO ads AS a (id, account_id, integration_id, reference, status, revision, hash, content, title,
                              employer_text, search_text, location_text, apply_mode, apply_url, created_at, updated_at, deadline,
                              warnings, deadline_end)
        VALUES (p_ad_id, p_account_id, p_integration_id, p_reference, 'live', 1, p_hash, p_content, p_title,
                p_employer_text, p_search_text, p_location_text, p_apply_mode, p_apply_url, p_now, p_now, p_deadline,
                p_warnings, p_deadline_end)
        ON CONFLICT (integration_id, reference) DO NOTHING;
        IF FOUND THEN
            INSERT INTO ad_revisions (ad_id, revision, hash, content, created_at) VALUES (p_ad_id, 1, p_hash, p_content, p_now);
            PERFORM jobgate_insert_deliveries(p_ad_id, p_account_id, p_integration_id, 1, 'publish', p_channels, p_delivery_ids, p_now);
            RETURN QUERY SELECT p_ad_id, 1, TRUE, TRUE, p_now, p_now;
            RETURN;
        END IF;
        -- A concurrent writer inserted the reference first: update theirs.
        SELECT a.id, a.revision, a.hash, a.status, a.created_at, a.updated_at INTO cur
            FROM ads a WHERE a.integration_id = p_integration_id AND a.reference = p_reference FOR UPDATE;
    END IF;
    IF cur.hash = p_hash AND cur.status = 'live' THEN
        -- The same ad from other input may have other warnings.
        UPDATE ads a SET warnings = p_warnings WHERE a.id = cur.id AND a.warnings <> p_warnings;
        RETURN QUERY SELECT cur.id, cur.revision, FALSE, FALSE, cur.created_at, cur.updated_at;
        RETURN;
    END IF;
    rev := cur.revision + 1;
    UPDATE ads a SET status = 'live', revision = rev, hash = p_hash, content = p_content, title = p_title,
        employer_text = p_employer_text, search_text = p_search_text, location_text = p_location_text,
        apply_mode = p_apply_mode, apply_url = p_apply_url, updated_at = p_now, deadline = p_deadline,
        warnings = p_warnings, deadline_end = p_deadline_end
        WHERE a.id = cur.id;
    INSERT INTO ad_revisions (ad_id, revision, hash, content, created_at) VALUES (cur.id, rev, p_hash, p_content, p_now);
    PERFORM jobgate_insert_deliveries(cur.id, p_account_id, p_integration_id, rev, 'publish', p_channels, p_delivery_ids, p_now);
    RETURN QUERY SELECT cur.id, rev, FALSE, TRUE, cur.created_at, p_now;
END $$;
