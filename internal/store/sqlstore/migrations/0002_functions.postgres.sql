-- The hot writes as functions, so each is one round trip and one implicit
-- transaction instead of BEGIN, four statements and COMMIT: on Postgres the
-- round trips, not the work, bound how many ads a second jobgate takes.
-- They do what the generic code in ads.go and deliveries.go does on SQLite,
-- and the same conformance suite checks both.

CREATE FUNCTION jobgate_upsert_ad(
    p_ad_id TEXT, p_account_id TEXT, p_integration_id TEXT, p_reference TEXT,
    p_hash TEXT, p_content TEXT, p_title TEXT, p_employer_text TEXT,
    p_search_text TEXT, p_location_text TEXT, p_apply_mode TEXT, p_apply_url TEXT,
    p_now BIGINT, p_channels TEXT[], p_delivery_ids TEXT[])
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
                              employer_text, search_text, location_text, apply_mode, apply_url, created_at, updated_at)
        VALUES (p_ad_id, p_account_id, p_integration_id, p_reference, 'live', 1, p_hash, p_content, p_title,
                p_employer_text, p_search_text, p_location_text, p_apply_mode, p_apply_url, p_now, p_now)
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
        RETURN QUERY SELECT cur.id, cur.revision, FALSE, FALSE, cur.created_at, cur.updated_at;
        RETURN;
    END IF;
    rev := cur.revision + 1;
    UPDATE ads a SET status = 'live', revision = rev, hash = p_hash, content = p_content, title = p_title,
        employer_text = p_employer_text, search_text = p_search_text, location_text = p_location_text,
        apply_mode = p_apply_mode, apply_url = p_apply_url, updated_at = p_now
        WHERE a.id = cur.id;
    INSERT INTO ad_revisions (ad_id, revision, hash, content, created_at) VALUES (cur.id, rev, p_hash, p_content, p_now);
    PERFORM jobgate_insert_deliveries(cur.id, p_account_id, p_integration_id, rev, 'publish', p_channels, p_delivery_ids, p_now);
    RETURN QUERY SELECT cur.id, rev, FALSE, TRUE, cur.created_at, p_now;
END $$;

CREATE FUNCTION jobgate_insert_deliveries(
    p_ad_id TEXT, p_account_id TEXT, p_integration_id TEXT, p_revision INTEGER, p_kind TEXT,
    p_channels TEXT[], p_delivery_ids TEXT[], p_now BIGINT)
RETURNS VOID
LANGUAGE sql AS $$
    INSERT INTO deliveries (id, kind, channel, ad_id, account_id, integration_id, revision, state, generation,
                            attempts, last_error, next_attempt_at, created_at, updated_at, delivered_at)
    SELECT t.id, p_kind, t.channel, p_ad_id, p_account_id, p_integration_id, p_revision, 'pending', 1,
           0, '', p_now, p_now, p_now, NULL
    FROM unnest(p_delivery_ids, p_channels) AS t(id, channel)
$$;

-- jobgate_complete_delivery marks a pending delivery delivered and stores
-- the publication it produced (p_channel NULL: none); FALSE when the
-- delivery is no longer pending in that generation.
CREATE FUNCTION jobgate_complete_delivery(
    p_id TEXT, p_generation INTEGER, p_now BIGINT,
    p_ad_id TEXT, p_channel TEXT, p_state TEXT, p_revision INTEGER, p_reference TEXT, p_url TEXT, p_reason TEXT)
RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deliveries d SET state = 'delivered', updated_at = p_now, delivered_at = p_now, last_error = ''
        WHERE d.id = p_id AND d.generation = p_generation AND d.state = 'pending';
    IF NOT FOUND THEN
        RETURN FALSE;
    END IF;
    IF p_channel IS NOT NULL THEN
        INSERT INTO publications AS p (ad_id, channel, state, revision, reference, url, reason, updated_at)
        SELECT p_ad_id, p_channel, p_state, p_revision, p_reference, p_url, p_reason, p_now
        FROM ads a WHERE a.id = p_ad_id AND (p_state <> 'live' OR a.status = 'live')
        ON CONFLICT (ad_id, channel) DO UPDATE SET state = excluded.state, revision = excluded.revision,
            reference = excluded.reference, url = excluded.url, reason = excluded.reason, updated_at = excluded.updated_at
        WHERE excluded.revision >= p.revision;
    END IF;
    RETURN TRUE;
END $$;
