-- Issue 12: how each inbound reply was read (src/domain/reply-reading), kept with the message so a
-- coordinator sees why it was acted on or sent to Innboks: intent, the words that decided
-- (evidence), the context it was read in and, for a yes with a question, the question.
ALTER TABLE message ADD COLUMN reading jsonb;

-- A coordinator's reading of a reply from Innboks («Tolk som JA / NEI / AVBRYT / STOPP / Ikke svar»):
-- applied as that keyword and kept as a labelled example (npm run export:reply-examples).
ALTER TABLE message ADD COLUMN reading_label text CHECK (reading_label IN ('yes', 'no', 'cancel', 'stop', 'none'));
ALTER TABLE message ADD COLUMN reading_labelled_by bigint REFERENCES coordinator (id);
ALTER TABLE message ADD COLUMN reading_labelled_at timestamptz;
CREATE INDEX message_reading_label_idx ON message (reading_labelled_at) WHERE reading_label IS NOT NULL;
