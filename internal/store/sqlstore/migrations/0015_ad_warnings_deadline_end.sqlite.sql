-- The warnings of an ad's last push (a JSON array of {field, code,
-- message}: the vendor's values jobgate dropped or corrected, never the
-- values), and the instant its deadline is over (Unix microseconds: the
-- midnight after the deadline's date in the employer's time zone, see
-- ad.DeadlineEnd), which the expiry job reads instead of the date.
ALTER TABLE ads ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE ads ADD COLUMN deadline_end BIGINT;
-- Ads stored before this migration were judged in Oslo: their end is the
-- midnight after the date in Oslo, CET (+01:00) or, from the last Sunday
-- of March to the last Sunday of October, CEST (+02:00). SQLite has no
-- time zones, so the EU rule is written out; the next push of the ad
-- writes its own zone's end.
UPDATE ads SET deadline_end = (CAST(strftime('%s', date(deadline, '+1 day')) AS INTEGER) -
    CASE WHEN date(deadline, '+1 day') > date(substr(deadline, 1, 4) || '-03-25', 'weekday 0')
          AND date(deadline, '+1 day') <= date(substr(deadline, 1, 4) || '-10-25', 'weekday 0')
         THEN 7200 ELSE 3600 END) * 1000000
    WHERE deadline <> '';
DROP INDEX ads_live_deadline;
CREATE INDEX ads_live_deadline_end ON ads (deadline_end) WHERE status = 'live' AND deadline_end IS NOT NULL;
