-- Ingest on Postgres, cheaper per ad (README "Benchmark", issue 18).
--
-- Keep ads and their revisions in the heap up to 4 KB a row: a typical ad's
-- content (2-3 KB of JSON) used to be compressed with pglz and still moved
-- out of line into the TOAST table (three writes and a compression per
-- copy, and a TOAST read for the worker), for about the same bytes on disk
-- as keeping it whole. Larger rows are compressed and moved as before.
-- Only the table's option changes: rows already written stay as they are.
ALTER TABLE ads SET (toast_tuple_target = 4080);
ALTER TABLE ad_revisions SET (toast_tuple_target = 4080);

-- jobgate_upsert_ad as in 0019, with its deliveries inserted by the
-- function itself: jobgate_insert_deliveries is a SQL function, which
-- Postgres parsed and planned again on every call from PL/pgSQL (about a
-- tenth of the database's CPU under ingest); a statement of the PL/pgSQL
-- function keeps its plan for the connection's life.
CREATE OR REPLACE FUNCTION jobgate_upsert_ad(
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
            INSERT INTO deliveries (id, kind, channel, ad_id, account_id, integration_id, revision, state, generation,
                                    attempts, last_error, next_attempt_at, created_at, updated_at, delivered_at)
            SELECT t.id, 'publish', t.channel, p_ad_id, p_account_id, p_integration_id, 1, 'pending', 1, 0, '', p_now, p_now, p_now, NULL
            FROM unnest(p_delivery_ids, p_channels) AS t(id, channel);
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
    INSERT INTO deliveries (id, kind, channel, ad_id, account_id, integration_id, revision, state, generation,
                            attempts, last_error, next_attempt_at, created_at, updated_at, delivered_at)
        SELECT t.id, 'publish', t.channel, cur.id, p_account_id, p_integration_id, rev, 'pending', 1, 0, '', p_now, p_now, p_now, NULL
        FROM unnest(p_delivery_ids, p_channels) AS t(id, channel);
    RETURN QUERY SELECT cur.id, rev, FALSE, TRUE, cur.created_at, p_now;
END $$;
