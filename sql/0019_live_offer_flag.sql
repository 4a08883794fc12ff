-- Issue 14: whether a volunteer is waiting on an offer, kept on their row.
--
-- The head of a fill's ranking (src/db/ranked-head.repo.ts) skips volunteers with a live offer.
-- As an anti-join against the offer table, the plan depended on offer statistics. In a
-- dispatch burst the offer table grows from nothing to thousands of rows within seconds, long
-- before autovacuum analyzes it. Postgres then took a nested loop over every live offer for
-- every row of the head: 11 to 19 ms a fill at 2,500 live offers, against 0.1 ms for the index
-- scan alone. Kept on the row, the check is a column read inside the rank-index scan.
--
-- The count is kept only by the trigger, in the transaction that changes the offer, under the
-- volunteer row lock the trigger already takes for the other counters. Unlike those counters,
-- the sweeper never recomputes it: a recount racing a concurrent offer could leave 1 where no
-- offer is live, and that volunteer would silently never be asked again. The unique index
-- offer_one_open_per_volunteer still decides who gets an offer; this count only filters.
ALTER TABLE volunteer ADD COLUMN live_offers integer NOT NULL DEFAULT 0;

UPDATE volunteer v SET live_offers = o.n
FROM (SELECT volunteer_id, count(*)::integer AS n FROM offer WHERE status IN ('pending', 'open') GROUP BY volunteer_id) o
WHERE o.volunteer_id = v.id;

CREATE OR REPLACE FUNCTION svarja_offer_counters() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  recent integer := 0; answered integer := 0; resolved integer := 0; live integer := 0; row offer;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    row := OLD;
    recent := recent - (TG_OP = 'DELETE' AND row.created_at >= now() - interval '30 days')::integer;
    answered := answered - (row.created_at >= now() - interval '180 days' AND row.status IN ('accepted', 'declined'))::integer;
    resolved := resolved - (row.created_at >= now() - interval '180 days' AND row.status IN ('accepted', 'declined', 'expired'))::integer;
    live := live - (row.status IN ('pending', 'open'))::integer;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    row := NEW;
    recent := recent + (TG_OP = 'INSERT' AND row.created_at >= now() - interval '30 days')::integer;
    answered := answered + (row.created_at >= now() - interval '180 days' AND row.status IN ('accepted', 'declined'))::integer;
    resolved := resolved + (row.created_at >= now() - interval '180 days' AND row.status IN ('accepted', 'declined', 'expired'))::integer;
    live := live + (row.status IN ('pending', 'open'))::integer;
  END IF;
  IF recent <> 0 OR answered <> 0 OR resolved <> 0 OR live <> 0 THEN
    UPDATE volunteer SET
      recent_offers = recent_offers + recent, answered_offers = answered_offers + answered, resolved_offers = resolved_offers + resolved,
      live_offers = live_offers + live,
      counters_valid_until = LEAST(counters_valid_until,
        CASE WHEN recent > 0 THEN row.created_at + interval '30 days' END,
        CASE WHEN resolved > 0 THEN row.created_at + interval '180 days' END)
    WHERE id = row.volunteer_id;
  END IF;
  RETURN NULL;
END $$;
