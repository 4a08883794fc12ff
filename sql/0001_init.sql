-- Svarja core schema. Postgres is the source of truth: every volunteer, task, offer, message and
-- assignment is a row, and the invariants of dispatch are constraints, not application checks.

CREATE TABLE volunteer (
  id               bigserial PRIMARY KEY,
  name             text        NOT NULL CHECK (length(btrim(name)) > 0),
  phone            text        NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'), -- E.164
  language         text        NOT NULL DEFAULT 'nb',
  opted_out_at     timestamptz,
  last_assigned_at timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE task (
  id                    bigserial PRIMARY KEY,
  type                  text        NOT NULL CHECK (type IN ('shopping', 'escort', 'visit', 'other')),
  starts_at             timestamptz NOT NULL,
  duration_minutes      integer     NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  area                  text        NOT NULL,
  summary               text        NOT NULL, -- goes into offers: no names, addresses or health details
  details               text        NOT NULL, -- only to the volunteer who takes the task
  wave_size             integer     NOT NULL DEFAULT 3 CHECK (wave_size BETWEEN 1 AND 50),
  offer_timeout_minutes integer     NOT NULL DEFAULT 30 CHECK (offer_timeout_minutes BETWEEN 1 AND 10080),
  status                text        NOT NULL DEFAULT 'new'
                        CHECK (status IN ('new', 'searching', 'assigned', 'unfilled', 'cancelled')),
  assigned_volunteer_id bigint      REFERENCES volunteer (id),
  waves_sent            integer     NOT NULL DEFAULT 0,
  dispatched_at         timestamptz,
  assigned_at           timestamptz,
  closed_at             timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'assigned') = (assigned_volunteer_id IS NOT NULL))
);
CREATE INDEX task_status_idx ON task (status);

CREATE TABLE offer (
  id           bigserial PRIMARY KEY,
  task_id      bigint      NOT NULL REFERENCES task (id),
  volunteer_id bigint      NOT NULL REFERENCES volunteer (id),
  wave         integer     NOT NULL,
  -- pending: SMS not yet out; open: SMS sent, waiting for an answer until expires_at.
  status       text        NOT NULL DEFAULT 'pending'
               CHECK (status IN ('pending', 'open', 'accepted', 'declined', 'expired', 'withdrawn', 'failed')),
  close_reason text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  sent_at      timestamptz,
  expires_at   timestamptz,
  answered_at  timestamptz,
  closed_at    timestamptz,
  UNIQUE (task_id, volunteer_id) -- never offer the same task twice to one volunteer
);
-- One open offer per volunteer at a time, so a bare JA is never ambiguous.
CREATE UNIQUE INDEX offer_one_open_per_volunteer ON offer (volunteer_id) WHERE status IN ('pending', 'open');
-- At most one accepted offer per task.
CREATE UNIQUE INDEX offer_one_accepted_per_task ON offer (task_id) WHERE status = 'accepted';
CREATE INDEX offer_task_open_idx ON offer (task_id) WHERE status IN ('pending', 'open');
CREATE INDEX offer_open_expiry_idx ON offer (expires_at) WHERE status = 'open';

CREATE TABLE assignment (
  id           bigserial PRIMARY KEY,
  task_id      bigint      NOT NULL REFERENCES task (id),
  volunteer_id bigint      NOT NULL REFERENCES volunteer (id),
  offer_id     bigint      REFERENCES offer (id),
  source       text        NOT NULL CHECK (source IN ('sms', 'manual')),
  status       text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled', 'done')),
  assigned_at  timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz
);
-- Exactly one volunteer holds a task at a time.
CREATE UNIQUE INDEX assignment_one_active_per_task ON assignment (task_id) WHERE status = 'active';
CREATE INDEX assignment_volunteer_idx ON assignment (volunteer_id);

-- Every inbound and outbound SMS. Outbound rows are written in the same transaction as the state
-- change that causes them; the send-sms job only moves them through queued -> sending -> sent.
CREATE TABLE message (
  id              bigserial PRIMARY KEY,
  direction       text        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  twilio_sid      text        UNIQUE, -- MessageSid: inbound webhooks are idempotent on it
  from_phone      text        NOT NULL,
  to_phone        text        NOT NULL,
  body            text        NOT NULL,
  kind            text        NOT NULL, -- outbound template name, or 'reply' for inbound
  volunteer_id    bigint      REFERENCES volunteer (id),
  task_id         bigint      REFERENCES task (id),
  offer_id        bigint      REFERENCES offer (id),
  -- outbound: queued, sending, sent, delivered, undelivered, failed; inbound: received, processed
  status          text        NOT NULL,
  error_code      text,
  attempts        integer     NOT NULL DEFAULT 0,
  needs_reconcile boolean     NOT NULL DEFAULT false, -- an earlier attempt may have reached Twilio
  claimed_at      timestamptz,
  sent_at         timestamptz,
  status_at       timestamptz,
  -- inbound: how the reply was understood, and whether a coordinator must look at it
  classification  text,
  provider_opt_out text, -- Twilio's OptOutType (STOP, START, HELP) when its own opt-out handling matched
  needs_attention boolean     NOT NULL DEFAULT false,
  processed_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (direction = 'outbound' OR status IN ('received', 'processed'))
);
CREATE INDEX message_outbound_pending_idx ON message (updated_at) WHERE status IN ('queued', 'sending');
CREATE INDEX message_inbound_unprocessed_idx ON message (created_at) WHERE direction = 'inbound' AND processed_at IS NULL;
CREATE INDEX message_offer_idx ON message (offer_id);
CREATE INDEX message_task_idx ON message (task_id);
CREATE INDEX message_volunteer_idx ON message (volunteer_id);
