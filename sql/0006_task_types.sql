-- Two more task types (issue 11): a walk (turvenn, a stroll with someone) and practical help (small
-- jobs at home, help with a phone or tablet). Nursing homes ask for both by SMS.

ALTER TABLE task DROP CONSTRAINT IF EXISTS task_type_check;
ALTER TABLE task ADD CONSTRAINT task_type_check
  CHECK (type IN ('shopping', 'escort', 'visit', 'walk', 'practical', 'other'));

-- A new volunteer takes every kind of task unless told otherwise, as before.
ALTER TABLE volunteer ALTER COLUMN task_types SET DEFAULT '{shopping,escort,visit,walk,practical,other}';

-- Volunteers who took every kind of task (shown as «Alle» on the admin page) keep taking every kind.
UPDATE volunteer
   SET task_types = task_types || ARRAY['walk', 'practical']::text[]
 WHERE task_types @> ARRAY['shopping', 'escort', 'visit', 'other']::text[]
   AND NOT task_types && ARRAY['walk', 'practical']::text[];
