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
