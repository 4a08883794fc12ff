-- The metrics scrape counts inbound SMS whose handling failed (still retrying, or set aside). They
-- are rare, so a partial index keeps that count from reading the whole message table each scrape.
CREATE INDEX message_handling_failed_idx ON message (id) WHERE handling_failures > 0;
