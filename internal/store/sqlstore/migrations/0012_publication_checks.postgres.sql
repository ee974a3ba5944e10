-- A publication's sent_at is when the channel last received the ad's
-- content (NAV files an upload asynchronously, so a 404 soon after it means
-- "not filed yet"), and checks counts the status checks in a row that left
-- it undecided in a way that must end (NAV's UNKNOWN). 0: none.
ALTER TABLE publications ADD COLUMN sent_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE publications ADD COLUMN checks INTEGER NOT NULL DEFAULT 0;

-- jobgate_complete_delivery as in 0002, also writing the publication's
-- sent_at (and starting its checks again).
DROP FUNCTION jobgate_complete_delivery(TEXT, INTEGER, BIGINT, TEXT, TEXT, TEXT, INTEGER, TEXT, TEXT, TEXT);

CREATE FUNCTION jobgate_complete_delivery(
    p_id TEXT, p_generation INTEGER, p_now BIGINT,
    p_ad_id TEXT, p_channel TEXT, p_state TEXT, p_revision INTEGER, p_reference TEXT, p_url TEXT, p_reason TEXT,
    p_sent_at BIGINT)
RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deliveries d SET state = 'delivered', updated_at = p_now, delivered_at = p_now, last_error = ''
        WHERE d.id = p_id AND d.generation = p_generation AND d.state = 'pending';
    IF NOT FOUND THEN
        RETURN FALSE;
    END IF;
    IF p_channel IS NOT NULL THEN
        INSERT INTO publications AS p (ad_id, channel, state, revision, reference, url, reason, updated_at, sent_at, checks)
        SELECT p_ad_id, p_channel, p_state, p_revision, p_reference, p_url, p_reason, p_now, p_sent_at, 0
        FROM ads a WHERE a.id = p_ad_id AND (p_state <> 'live' OR a.status = 'live')
        ON CONFLICT (ad_id, channel) DO UPDATE SET state = excluded.state, revision = excluded.revision,
            reference = excluded.reference, url = excluded.url, reason = excluded.reason, updated_at = excluded.updated_at,
            sent_at = excluded.sent_at, checks = 0
        WHERE excluded.revision >= p.revision;
    END IF;
    RETURN TRUE;
END $$;
