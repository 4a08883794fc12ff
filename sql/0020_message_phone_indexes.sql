-- Issue 14: reads by phone number were sequential scans of the whole message table.
-- The auto-reply throttle counts the SMS sent to a number in the last hour for every reply it
-- might send (unknown senders, hints, help answers); at 100,000 stored messages that scan cost
-- more than the rest of handling a reply.
CREATE INDEX message_outbound_to_idx ON message (to_phone, created_at) WHERE direction = 'outbound';
-- A sender's messages not yet handled, oldest first (the handler takes them in arrival order).
CREATE INDEX message_inbound_unprocessed_from_idx ON message (from_phone, id) WHERE direction = 'inbound' AND processed_at IS NULL;
