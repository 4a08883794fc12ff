-- Issue 11, finishing the nursing-home conversation.

-- A volunteer who said JA and then cancels (AVBRYT) releases the task, but their offer stays
-- 'accepted' for the record. The one-accepted-offer-per-task guard must then let the next
-- volunteer's JA through: it counts only offers whose assignment is still held.
ALTER TABLE offer ADD COLUMN released_at timestamptz;
DROP INDEX offer_one_accepted_per_task;
CREATE UNIQUE INDEX offer_one_accepted_per_task ON offer (task_id) WHERE status = 'accepted' AND released_at IS NULL;

-- Every SMS of a request conversation (the requester's texts and our questions, summary and
-- replies) points at its draft, so the task page can show the conversation on the timeline.
ALTER TABLE message ADD COLUMN request_draft_id bigint REFERENCES request_draft (id);
CREATE INDEX message_request_draft_idx ON message (request_draft_id) WHERE request_draft_id IS NOT NULL;

-- A request of several days is several tasks under one reference («AVBRYT K7» finds them all).
CREATE INDEX task_request_ref_idx ON task (requester_id, request_ref) WHERE request_ref IS NOT NULL;
