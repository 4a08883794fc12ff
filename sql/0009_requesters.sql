-- Issue 11: nursing homes and home-care teams order help by SMS.
-- A requester is an organisation that may order tasks; its numbers identify it (one requester per
-- number, as a volunteer's number identifies the volunteer). Its unit's coordinators own its tasks.

CREATE TABLE requester (
  id            bigserial   PRIMARY KEY,
  name          text        NOT NULL CHECK (length(trim(name)) > 0),
  unit_id       bigint      REFERENCES unit (id),
  contact_name  text,
  default_place text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE requester_phone (
  phone        text        PRIMARY KEY CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'), -- E.164: one requester per number
  requester_id bigint      NOT NULL REFERENCES requester (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX requester_phone_requester_idx ON requester_phone (requester_id);

ALTER TABLE task ADD COLUMN requester_id bigint REFERENCES requester (id);
-- The short reference the requester uses («AVBRYT K7»): the draft's id.
ALTER TABLE task ADD COLUMN request_ref text;
-- The doorstep word: told to the requester and to the volunteer who comes, so the door can check.
ALTER TABLE task ADD COLUMN doorstep_word text;
CREATE INDEX task_requester_idx ON task (requester_id) WHERE requester_id IS NOT NULL;

-- A request being put together by SMS. Its state lives here, not in a process: a restart in the
-- middle of the conversation loses nothing. `fields` is what the parser read so far (date, time,
-- place, type, notes …); `asked` is the one field the last question asked for.
CREATE TABLE request_draft (
  id             bigserial   PRIMARY KEY,
  requester_id   bigint      NOT NULL REFERENCES requester (id),
  phone          text        NOT NULL,
  language       text        NOT NULL DEFAULT 'nb',
  status         text        NOT NULL DEFAULT 'asking'
                 CHECK (status IN ('asking', 'confirming', 'confirmed', 'expired', 'abandoned')),
  fields         jsonb       NOT NULL,
  asked          text,
  texts          text[]      NOT NULL DEFAULT '{}', -- what the requester wrote, for Innboks on a timeout
  task_id        bigint      REFERENCES task (id),
  last_inbound_at timestamptz NOT NULL,
  closed_at      timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
-- At most one open draft per number: the next text from it continues that conversation.
CREATE UNIQUE INDEX request_draft_one_open_per_phone ON request_draft (phone) WHERE status IN ('asking', 'confirming');
CREATE INDEX request_draft_open_idx ON request_draft (last_inbound_at) WHERE status IN ('asking', 'confirming');

-- An inbound SMS can belong to a requester rather than a volunteer.
ALTER TABLE message ADD COLUMN requester_id bigint REFERENCES requester (id);
