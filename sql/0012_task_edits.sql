-- Issue 13: a coordinator can edit a task after it was created.
-- edit_version counts the coordinators' edits only (status changes from a JA do not touch it), so an
-- edit form saved after someone else's edit is refused instead of silently overwriting it, while a
-- JA arriving during an edit never makes the coordinator start over.
ALTER TABLE task ADD COLUMN edit_version integer NOT NULL DEFAULT 0;
