-- Issue 15: the voice channel.
-- How a volunteer wants offers: by SMS (default), by a call, or by SMS and then a call when the SMS
-- is unanswered after half its answer time. A landline can only be called (checked in the domain,
-- where the number's type is known).
ALTER TABLE volunteer ADD COLUMN contact_preference text NOT NULL DEFAULT 'sms'
  CHECK (contact_preference IN ('sms', 'call', 'sms_then_call'));
