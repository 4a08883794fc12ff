-- An inbound SMS whose handling keeps failing (a fault tied to that message) was retried for
-- ever, and its sender's later messages waited behind it. Failures are counted on the row,
-- outside the transaction that failed, so that the message can be set aside for a coordinator.
ALTER TABLE message
  ADD COLUMN handling_failures integer NOT NULL DEFAULT 0,
  ADD COLUMN first_handling_failure_at timestamptz;
