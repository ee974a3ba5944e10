-- jobgate_upsert_ad as in 0015, refusing a deleted integration's ad (see
-- the function's first statement): a push authenticated, or a poll
-- started, before the integration was deleted cannot put an ad live after
-- the delete withdrew them all.
DROP FUNCTION jobgate_upsert_ad(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, BIGINT, TEXT[], TEXT[], TEXT, TEXT, BIGINT);

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
    -- A deleted integration takes no ads: its delete (which locks the row
    -- FOR UPDATE, then withdraws every ad) and this write are serialised
    -- on the integration's row, so no ad is left live behind a delete.
    -- The answer is one row with revision -1, which the store reads as
    -- ErrDeleted.
    PERFORM 1 FROM integrations i WHERE i.id = p_integration_id AND i.status <> 'deleted' FOR KEY SHARE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT ''::TEXT, -1, FALSE, FALSE, 0::BIGINT, 0::BIGINT;
        RETURN;
    END IF;
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
