-- Issue 15: the voice channel.
-- How a volunteer wants offers: by SMS (default), by a call, or by SMS and then a call when the SMS
-- is unanswered after half its answer time. A landline can only be called (checked in the domain,
-- where the number's type is known).
ALTER TABLE volunteer ADD COLUMN contact_preference text NOT NULL DEFAULT 'sms'
  CHECK (contact_preference IN ('sms', 'call', 'sms_then_call'));

-- A call said yes is an assignment made by call.
ALTER TABLE assignment DROP CONSTRAINT assignment_source_check;
ALTER TABLE assignment ADD CONSTRAINT assignment_source_check CHECK (source IN ('sms', 'manual', 'call'));

-- Every call, placed or received. An outbound call is claimed before Twilio is asked (queued ->
-- placing, with a lease), like an outbound SMS; an attempt that may have reached Twilio sets
-- needs_reconcile, and the next attempt looks the call up at Twilio before placing it again.
CREATE TABLE call (
  id               bigserial   PRIMARY KEY,
  direction        text        NOT NULL CHECK (direction IN ('outbound', 'inbound')),
  twilio_sid       text        UNIQUE,
  from_phone       text        NOT NULL,
  to_phone         text        NOT NULL,
  kind             text        NOT NULL, -- offer, inbound, …
  volunteer_id     bigint      REFERENCES volunteer (id),
  task_id          bigint      REFERENCES task (id),
  offer_id         bigint      REFERENCES offer (id),
  -- queued, placing (ours); then Twilio's: initiated, ringing, in-progress, completed, busy,
  -- no-answer, failed, canceled; cancelled (ours: never placed, what it offered was withdrawn).
  status           text        NOT NULL DEFAULT 'queued',
  answered_by      text,       -- AMD: human, machine_start, machine_end_beep, …, fax, unknown
  attempts         integer     NOT NULL DEFAULT 0,
  needs_reconcile  boolean     NOT NULL DEFAULT false,
  claimed_at       timestamptz,
  call_after       timestamptz, -- quiet hours: not placed before this
  placed_at        timestamptz,
  status_at        timestamptz,
  duration_seconds integer,
  error_code       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_offer_idx ON call (offer_id) WHERE offer_id IS NOT NULL;
CREATE INDEX call_task_idx ON call (task_id) WHERE task_id IS NOT NULL;
CREATE INDEX call_unplaced_idx ON call (created_at) WHERE status IN ('queued', 'placing');
-- One call at a time per offer: a retry is a new row only once the previous one has ended.
CREATE UNIQUE INDEX call_one_live_per_offer ON call (offer_id)
  WHERE offer_id IS NOT NULL AND status IN ('queued', 'placing', 'initiated', 'ringing', 'in-progress');

-- What happened on a call, each once: a status callback (key 'status:<CallStatus>'), an AMD result
-- ('amd'), a key pressed at a menu step ('gather:<step>'). Twilio may post the same request twice;
-- the second finds the row and gets the answer stored with it (`twiml`), with no second effect.
CREATE TABLE call_event (
  call_id    bigint      NOT NULL REFERENCES call (id) ON DELETE CASCADE,
  key        text        NOT NULL,
  detail     jsonb       NOT NULL DEFAULT '{}',
  twiml      text,
  at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (call_id, key)
);
