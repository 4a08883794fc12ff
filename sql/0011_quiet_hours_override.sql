-- «Send nå likevel»: a coordinator let one task's offers go out despite quiet hours, until the
-- night's quiet window ends (offers of later waves that night go out at once, too).
ALTER TABLE task ADD COLUMN quiet_hours_override_until timestamptz;
