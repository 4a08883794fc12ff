-- A volunteer CSV between its preview and its import. The file used to travel back in every
-- preview page (2 MB of HTML for 50,000 rows, escaped on the web thread and uploaded again for each
-- page); now the page carries only this row's random id. The file holds names and numbers: a row
-- lives two hours and goes as soon as the import runs, so an upload imports at most once.
CREATE TABLE csv_upload (
  id              text        PRIMARY KEY,                 -- 24 random bytes, base64url
  coordinator_id  bigint      NOT NULL REFERENCES coordinator (id) ON DELETE CASCADE,
  csv_text        text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL
);
CREATE INDEX csv_upload_expires_idx ON csv_upload (expires_at);
