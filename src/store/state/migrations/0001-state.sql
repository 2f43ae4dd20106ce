-- The monitor's shared state, as in the embedded file's meta schema (src/store/schema.sql).

CREATE TABLE meta.users (
  username      VARCHAR PRIMARY KEY,
  password_hash VARCHAR NOT NULL,
  role          VARCHAR NOT NULL,
  disabled      BOOLEAN NOT NULL DEFAULT false,
  created_at    TIMESTAMP NOT NULL,
  last_login_at TIMESTAMP
);

-- Single sign-on accounts, keyed on the provider's immutable subject id (see schema.sql).
CREATE TABLE meta.oidc_users (
  issuer        VARCHAR NOT NULL,
  subject       VARCHAR NOT NULL,
  username      VARCHAR NOT NULL UNIQUE,
  created_at    TIMESTAMP NOT NULL,
  last_login    TIMESTAMP NOT NULL,
  PRIMARY KEY (issuer, subject)
);

-- Sessions: the cookie's token is stored only as its SHA-256 (src/engine/auth/session-store.ts).
CREATE TABLE meta.sessions (
  token_hash    VARCHAR PRIMARY KEY,
  csrf_token    VARCHAR NOT NULL,
  username      VARCHAR NOT NULL,
  role          VARCHAR NOT NULL,
  created_at    TIMESTAMP NOT NULL,
  last_seen_at  TIMESTAMP NOT NULL
);
CREATE INDEX sessions_username ON meta.sessions (username);

-- How often each account's sessions were ended; a login stores its session only at the version it read.
CREATE TABLE meta.account_versions (
  username      VARCHAR PRIMARY KEY,
  version       BIGINT NOT NULL
);

-- The login throttle's attempts in the window (src/engine/auth/stored-login-throttle.ts).
CREATE TABLE meta.login_attempts (
  attempt_id    VARCHAR NOT NULL,
  key           VARCHAR NOT NULL,
  at_ms         BIGINT NOT NULL
);
CREATE INDEX login_attempts_key ON meta.login_attempts (key, at_ms);
CREATE INDEX login_attempts_id ON meta.login_attempts (attempt_id);

CREATE TABLE meta.audit_log (
  audit_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  viewed_at     TIMESTAMP NOT NULL,
  username      VARCHAR NOT NULL,
  role          VARCHAR NOT NULL,
  action        VARCHAR NOT NULL,
  subject       VARCHAR NOT NULL
);
CREATE INDEX audit_log_viewed_at ON meta.audit_log (viewed_at);

CREATE TABLE meta.alerts (
  alert_id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule              VARCHAR NOT NULL,
  kind              VARCHAR NOT NULL,
  subject           VARCHAR NOT NULL,
  opened_at         TIMESTAMP NOT NULL,
  resolved_at       TIMESTAMP,
  message_nl        VARCHAR NOT NULL,
  message_en        VARCHAR NOT NULL,
  details           VARCHAR NOT NULL,
  delivery_event    VARCHAR,
  delivery_status   VARCHAR NOT NULL,
  delivery_attempts INTEGER NOT NULL DEFAULT 0,
  delivery_error    VARCHAR
);
