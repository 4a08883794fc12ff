-- MMS: the pictures and files Twilio received with an inbound message (NumMedia, MediaUrlN,
-- MediaContentTypeN). Svarja reads only text: the links are kept so a coordinator can look, and a
-- message that is only media is answered with a notice instead of being read as an empty reply.

ALTER TABLE message
  ADD COLUMN media_count integer NOT NULL DEFAULT 0 CHECK (media_count BETWEEN 0 AND 10);

CREATE TABLE inbound_media (
  message_id   bigint  NOT NULL REFERENCES message (id) ON DELETE CASCADE,
  -- N of MediaUrlN: Twilio sends at most 10.
  position     integer NOT NULL CHECK (position BETWEEN 0 AND 9),
  url          text    NOT NULL CHECK (length(url) <= 2000),
  content_type text    NOT NULL CHECK (length(content_type) <= 200),
  PRIMARY KEY (message_id, position)
);
