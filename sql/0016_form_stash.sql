-- Issue 13: a form posted after the session ended is not lost.
-- An admin-page POST that arrives without a valid session keeps its text fields here (never a
-- password, a CSRF token or a file) under a random id; after the same coordinator logs in again the
-- form's page is shown filled from it, once, and they press save themselves. Rows live 30 minutes.
CREATE TABLE form_stash (
  id              text        PRIMARY KEY,                 -- 24 random bytes, base64url
  coordinator_id  bigint      NOT NULL REFERENCES coordinator (id) ON DELETE CASCADE,
  path            text        NOT NULL CHECK (path LIKE '/admin%' AND length(path) <= 2000),
  fields          jsonb       NOT NULL CHECK (length(fields::text) <= 65536),
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL
);
CREATE INDEX form_stash_expires_idx ON form_stash (expires_at);
