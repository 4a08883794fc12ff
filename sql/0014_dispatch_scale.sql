-- Dispatch at scale (issue 14).

-- When a fill last found nobody more to ask while the task was still short of its wave (waiting
-- for volunteers busy with other offers, or a pool smaller than the wave); null while a fill is
-- owed. The sweeper fills such a task again only when something that could add a candidate
-- changed after it: an offer closed, a volunteer was added or edited, an assignment was released.
ALTER TABLE task ADD COLUMN fill_settled_at timestamptz;

-- The newest of each such change, read by the sweeper every 30 s (each an index-only max()).
CREATE INDEX offer_closed_at_idx ON offer (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX volunteer_updated_at_idx ON volunteer (updated_at);
CREATE INDEX assignment_cancelled_at_idx ON assignment (cancelled_at) WHERE cancelled_at IS NOT NULL;

-- Ranking in SQL. The order among eligible volunteers is src/domain/ranking.ts (compareForRank):
-- helped this person before, then fewest assignments and then offers in the last 30 days, then the
-- best answer rate over 180 days (a neutral 0.75 below 3 offers), then id. The counts live on the
-- volunteer row, kept by the triggers below in the transaction that writes an offer or an
-- assignment; they only grow there, and the sweeper recomputes a row once one of its counted
-- events leaves its window (counters_valid_until). A row whose counters are past that moment is
-- judged from the offer and assignment tables instead (src/db/ranked-head.repo.ts).
ALTER TABLE volunteer
  ADD COLUMN recent_offers integer NOT NULL DEFAULT 0,
  ADD COLUMN recent_assignments integer NOT NULL DEFAULT 0,
  ADD COLUMN answered_offers integer NOT NULL DEFAULT 0,
  ADD COLUMN resolved_offers integer NOT NULL DEFAULT 0,
  ADD COLUMN counters_valid_until timestamptz,
  -- The answer rate negated, so that one ascending index gives the ranking order.
  ADD COLUMN rank_rate double precision GENERATED ALWAYS AS (
    CASE WHEN resolved_offers < 3 THEN -0.75 ELSE -(answered_offers::double precision / resolved_offers) END) STORED;

-- An area as src/domain/matching.ts's normalizeArea compares it: composed letters, any run of
-- whitespace (JavaScript's \s, listed) as one space, trimmed, lower case.
CREATE FUNCTION svarja_area_key(area text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(btrim(regexp_replace(normalize(area, NFC),
    '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+', ' ', 'g')))
$$;
CREATE FUNCTION svarja_area_keys(areas text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY(SELECT svarja_area_key(a) FROM unnest(areas) AS a)
$$;

CREATE INDEX volunteer_rank_idx ON volunteer (recent_assignments, recent_offers, rank_rate, id) WHERE opted_out_at IS NULL;
CREATE INDEX volunteer_counters_valid_idx ON volunteer (counters_valid_until) WHERE counters_valid_until IS NOT NULL;

-- Exact counts for some volunteers as of `at`: used to start the counters here and by the sweeper
-- to age them.
CREATE FUNCTION svarja_refresh_volunteer_counters(ids bigint[], at timestamptz) RETURNS integer
LANGUAGE sql AS $$
  WITH o AS (
    SELECT volunteer_id,
      count(*) FILTER (WHERE created_at >= at - interval '30 days') AS recent,
      count(*) FILTER (WHERE status IN ('accepted', 'declined')) AS answered,
      count(*) FILTER (WHERE status IN ('accepted', 'declined', 'expired')) AS resolved,
      LEAST(min(created_at) FILTER (WHERE created_at >= at - interval '30 days') + interval '30 days',
            min(created_at) FILTER (WHERE status IN ('accepted', 'declined', 'expired')) + interval '180 days') AS valid_until
    FROM offer WHERE volunteer_id = ANY(ids) AND created_at >= at - interval '180 days'
    GROUP BY volunteer_id
  ), a AS (
    SELECT volunteer_id, count(*) AS recent, min(assigned_at) + interval '30 days' AS valid_until
    FROM assignment WHERE volunteer_id = ANY(ids) AND status <> 'cancelled' AND assigned_at >= at - interval '30 days'
    GROUP BY volunteer_id
  ), updated AS (
    UPDATE volunteer v SET
      recent_offers = COALESCE(o.recent, 0), answered_offers = COALESCE(o.answered, 0), resolved_offers = COALESCE(o.resolved, 0),
      recent_assignments = COALESCE(a.recent, 0), counters_valid_until = LEAST(o.valid_until, a.valid_until)
    FROM unnest(ids) AS x(id) LEFT JOIN o ON o.volunteer_id = x.id LEFT JOIN a ON a.volunteer_id = x.id
    WHERE v.id = x.id
    RETURNING 1
  )
  SELECT count(*)::integer FROM updated
$$;

SELECT svarja_refresh_volunteer_counters(ARRAY(SELECT id FROM volunteer), now());

-- An offer counts as recent from its creation, and as answered / resolved once its status says so.
CREATE FUNCTION svarja_offer_counters() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  recent integer := 0; answered integer := 0; resolved integer := 0; row offer;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    row := OLD;
    recent := recent - (TG_OP = 'DELETE' AND row.created_at >= now() - interval '30 days')::integer;
    answered := answered - (row.created_at >= now() - interval '180 days' AND row.status IN ('accepted', 'declined'))::integer;
    resolved := resolved - (row.created_at >= now() - interval '180 days' AND row.status IN ('accepted', 'declined', 'expired'))::integer;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    row := NEW;
    recent := recent + (TG_OP = 'INSERT' AND row.created_at >= now() - interval '30 days')::integer;
    answered := answered + (row.created_at >= now() - interval '180 days' AND row.status IN ('accepted', 'declined'))::integer;
    resolved := resolved + (row.created_at >= now() - interval '180 days' AND row.status IN ('accepted', 'declined', 'expired'))::integer;
  END IF;
  IF recent <> 0 OR answered <> 0 OR resolved <> 0 THEN
    UPDATE volunteer SET
      recent_offers = recent_offers + recent, answered_offers = answered_offers + answered, resolved_offers = resolved_offers + resolved,
      counters_valid_until = LEAST(counters_valid_until,
        CASE WHEN recent > 0 THEN row.created_at + interval '30 days' END,
        CASE WHEN resolved > 0 THEN row.created_at + interval '180 days' END)
    WHERE id = row.volunteer_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER offer_counters AFTER INSERT OR DELETE OR UPDATE OF status ON offer
  FOR EACH ROW EXECUTE FUNCTION svarja_offer_counters();

-- An assignment counts from when it was made until it is cancelled.
CREATE FUNCTION svarja_assignment_counters() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  recent integer := 0; row assignment;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    row := OLD;
    recent := recent - (row.status <> 'cancelled' AND row.assigned_at >= now() - interval '30 days')::integer;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    row := NEW;
    recent := recent + (row.status <> 'cancelled' AND row.assigned_at >= now() - interval '30 days')::integer;
  END IF;
  IF recent <> 0 THEN
    UPDATE volunteer SET recent_assignments = recent_assignments + recent,
      counters_valid_until = LEAST(counters_valid_until, CASE WHEN recent > 0 THEN row.assigned_at + interval '30 days' END)
    WHERE id = row.volunteer_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER assignment_counters AFTER INSERT OR DELETE OR UPDATE OF status ON assignment
  FOR EACH ROW EXECUTE FUNCTION svarja_assignment_counters();

-- Batched fills: a dispatched task waits here for the fill-searching-tasks job, which fills many in
-- one transaction, soonest start first (so one urgent task is not queued behind a burst).
ALTER TABLE task ADD COLUMN fill_requested_at timestamptz;
CREATE INDEX task_fill_requested_idx ON task (starts_at, id) WHERE fill_requested_at IS NOT NULL;
