-- What the sweeper did, counted in Postgres so that /metrics on any web process reports it (the
-- sweeper runs in whichever worker process BullMQ picks). One row per counter: 'runs', and one per
-- job name the sweeper (re-)enqueued.

CREATE TABLE sweeper_count (
  counter    text        PRIMARY KEY,
  n          bigint      NOT NULL DEFAULT 0 CHECK (n >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
