-- The whole life of an assignment: who may be asked (availability, limits, requirements), when
-- (quiet hours, urgency, a fill-by deadline), and what happens after JA (reminders, cancellation,
-- check-in).

ALTER TABLE volunteer
  -- [{"weekday":1..7,"from":"HH:MM","to":"HH:MM"}] in Europe/Oslo; empty means any time.
  ADD COLUMN availability       jsonb   NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(availability) = 'array'),
  -- [{"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}], inclusive.
  ADD COLUMN absences           jsonb   NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(absences) = 'array'),
  -- The volunteer's own limit (MAKS 2); NULL means no limit.
  ADD COLUMN max_tasks_per_week integer CHECK (max_tasks_per_week BETWEEN 1 AND 14);

ALTER TABLE task
  ADD COLUMN requirements        text[] NOT NULL DEFAULT '{}'
             CHECK (requirements <@ ARRAY['confidentiality', 'police_certificate', 'training']::text[]),
  -- Who is helped, as the unit refers to them (a code or initials): never in an SMS, only used so
  -- whoever helped this person before is asked first.
  ADD COLUMN person_ref          text CHECK (person_ref IS NULL OR length(btrim(person_ref)) > 0),
  ADD COLUMN fill_by             timestamptz,
  ADD COLUMN urgent              boolean NOT NULL DEFAULT false,
  ADD COLUMN deadline_alerted_at timestamptz;
CREATE INDEX task_person_idx ON task (person_ref) WHERE person_ref IS NOT NULL;

ALTER TABLE assignment
  ADD COLUMN cancelled_by             text CHECK (cancelled_by IN ('volunteer', 'coordinator')),
  ADD COLUMN reminded_day_before_at   timestamptz,
  ADD COLUMN reminded_two_hours_at    timestamptz,
  -- asked: the check-in SMS went out; ok / follow_up: the answer; no_answer: two days passed.
  ADD COLUMN check_in                 text CHECK (check_in IN ('asked', 'ok', 'follow_up', 'no_answer')),
  ADD COLUMN check_in_asked_at        timestamptz,
  ADD COLUMN check_in_answered_at     timestamptz,
  ADD COLUMN hours                    numeric(6, 2),
  ADD COLUMN follow_up_handled_at     timestamptz,
  ADD COLUMN follow_up_handled_by     bigint REFERENCES coordinator (id);
CREATE INDEX assignment_active_idx ON assignment (volunteer_id) WHERE status = 'active';
CREATE INDEX assignment_follow_up_idx ON assignment (check_in) WHERE check_in IN ('follow_up', 'no_answer') AND follow_up_handled_at IS NULL;

-- An SMS that must wait (quiet hours) is not sent before this instant.
ALTER TABLE message ADD COLUMN send_after timestamptz;
