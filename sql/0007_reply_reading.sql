-- Issue 12: how each inbound reply was read (src/domain/reply-reading), kept with the message so a
-- coordinator sees why it was acted on or sent to Innboks: intent, the words that decided
-- (evidence), the context it was read in and, for a yes with a question, the question.
ALTER TABLE message ADD COLUMN reading jsonb;
