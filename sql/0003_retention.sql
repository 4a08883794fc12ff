-- Retention: message bodies are erased after RETENTION_DAYS; the rows (and so every count the
-- reports need) stay.
ALTER TABLE message ADD COLUMN body_erased_at timestamptz;
CREATE INDEX message_retention_idx ON message (created_at) WHERE body_erased_at IS NULL;
