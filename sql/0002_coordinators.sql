-- Coordinators and the admin page: units (data, not code), accounts, personal API tokens, sessions,
-- an audit log, and the volunteer and task fields the admin page edits.

CREATE TABLE unit (
  id         bigserial PRIMARY KEY,
  name       text        NOT NULL UNIQUE CHECK (length(btrim(name)) > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE coordinator (
  id            bigserial PRIMARY KEY,
  email         text        NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%@%'),
  name          text        NOT NULL CHECK (length(btrim(name)) > 0),
  password_hash text        NOT NULL,
  role          text        NOT NULL DEFAULT 'coordinator' CHECK (role IN ('admin', 'coordinator')),
  unit_id       bigint      REFERENCES unit (id),
  active        boolean     NOT NULL DEFAULT true,
  last_login_at timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role = 'admin' OR unit_id IS NOT NULL) -- a coordinator always belongs to a unit
);

-- Personal API tokens: only a hash is stored; the token is shown once.
CREATE TABLE api_token (
  id             bigserial PRIMARY KEY,
  coordinator_id bigint      NOT NULL REFERENCES coordinator (id),
  name           text        NOT NULL,
  token_hash     text        NOT NULL UNIQUE,
  token_prefix   text        NOT NULL, -- the first characters, so a coordinator can tell tokens apart
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_used_at   timestamptz,
  revoked_at     timestamptz
);

-- express-session's store (connect-pg-simple's table layout).
CREATE TABLE session (
  sid    varchar      NOT NULL PRIMARY KEY,
  sess   json         NOT NULL,
  expire timestamp(6) NOT NULL
);
CREATE INDEX session_expire_idx ON session (expire);

-- Who did what, when. Never updated or deleted by the application.
CREATE TABLE audit_event (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  coordinator_id bigint      REFERENCES coordinator (id),
  actor          text        NOT NULL, -- the coordinator's e-mail, 'api-token', 'system'
  action         text        NOT NULL,
  subject_type   text,
  subject_id     text,
  detail         jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_at_idx ON audit_event (at DESC);
CREATE INDEX audit_event_action_idx ON audit_event (action, id DESC);

ALTER TABLE task
  ADD COLUMN unit_id    bigint REFERENCES unit (id), -- whose task: their coordinators see the details
  ADD COLUMN created_by bigint REFERENCES coordinator (id);
CREATE INDEX task_starts_at_idx ON task (starts_at);
CREATE INDEX task_unit_idx ON task (unit_id);
CREATE INDEX offer_volunteer_created_idx ON offer (volunteer_id, created_at);

ALTER TABLE volunteer
  ADD COLUMN task_types                text[] NOT NULL DEFAULT '{shopping,escort,visit,other}',
  ADD COLUMN areas                     text[] NOT NULL DEFAULT '{}',
  ADD COLUMN notes                     text   NOT NULL DEFAULT '',
  ADD COLUMN agreement_signed_on       date,
  ADD COLUMN confidentiality_signed_on date,
  ADD COLUMN police_certificate_on     date,
  ADD COLUMN training_on               date,
  ADD COLUMN paused_until              date;
CREATE INDEX volunteer_name_idx ON volunteer (lower(name));

-- The inbox: inbound SMS a coordinator has dealt with.
ALTER TABLE message
  ADD COLUMN handled_at timestamptz,
  ADD COLUMN handled_by bigint REFERENCES coordinator (id);
CREATE INDEX message_attention_idx ON message (created_at) WHERE needs_attention AND handled_at IS NULL;
