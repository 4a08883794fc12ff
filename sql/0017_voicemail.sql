-- Issue 15: a voicemail left on the service number is an Innboks item: an inbound message
-- (kind 'voicemail', twilio_sid = the RecordingSid, so a repeated recording callback adds nothing)
-- with Twilio's link to the recording and its length. The audio stays at Twilio; coordinators hear
-- it through Svarja, which fetches it with the account's credentials.
ALTER TABLE message ADD COLUMN recording_url text;
ALTER TABLE message ADD COLUMN recording_seconds integer;
