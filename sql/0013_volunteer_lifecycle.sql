-- Issue 13: every mistake can be fixed — volunteers who leave, erasure on request, a faster list.

-- A deactivated volunteer stays for reports and history but is never offered anything again.
-- An erased one (GDPR right to erasure) has lost name, number, notes and message texts; the rows that
-- count offers, answers, tasks and hours stay. Erasure frees the number: NULL is never a duplicate,
-- so the same number can register again as a new person.
ALTER TABLE volunteer
  ADD COLUMN deactivated_at timestamptz,
  ADD COLUMN erased_at      timestamptz,
  ALTER COLUMN phone DROP NOT NULL,
  ADD CONSTRAINT volunteer_phone_unless_erased CHECK (phone IS NOT NULL OR erased_at IS NOT NULL),
  ADD CONSTRAINT volunteer_erased_is_deactivated CHECK (erased_at IS NULL OR deactivated_at IS NOT NULL);

-- The volunteer list sorts and shows the last SMS in or out per volunteer: one index probe each.
CREATE INDEX message_volunteer_created_idx ON message (volunteer_id, created_at DESC);
