-- Bookkeeping tables of the monitor itself. Published datasets live in schema main, one table per
-- pipeline, named after it (air-quality-measurements → main.air_quality_measurements); a run stages
-- into main."__staging_<table>_<run>", which is renamed into place on publish or dropped (also at
-- start-up, after a crash). The domain's rules on hours and days are macros in domain-rules.sql.
CREATE SCHEMA IF NOT EXISTS meta;

CREATE SEQUENCE IF NOT EXISTS meta.run_id START 1;

CREATE TABLE IF NOT EXISTS meta.pipeline_runs (
  run_id        BIGINT PRIMARY KEY DEFAULT nextval('meta.run_id'),
  pipeline      VARCHAR NOT NULL,
  trigger       VARCHAR NOT NULL,          -- schedule | manual | startup | cli
  status        VARCHAR NOT NULL,          -- running | succeeded | failed | interrupted | abandoned
  started_at    TIMESTAMP NOT NULL,
  finished_at   TIMESTAMP,
  rows_read     BIGINT,
  rows_loaded   BIGINT,
  rows_rejected BIGINT,
  error         VARCHAR
);

-- Which run's data each published table holds: written in the same transaction as the table swap,
-- so it can never point at data that is not there.
CREATE TABLE IF NOT EXISTS meta.published (
  pipeline      VARCHAR PRIMARY KEY,
  table_name    VARCHAR NOT NULL,
  run_id        BIGINT NOT NULL,
  published_at  TIMESTAMP NOT NULL,
  data_from     TIMESTAMP,
  data_to       TIMESTAMP
);

CREATE TABLE IF NOT EXISTS meta.users (
  username      VARCHAR PRIMARY KEY,
  password_hash VARCHAR NOT NULL,
  role          VARCHAR NOT NULL,
  disabled      BOOLEAN NOT NULL DEFAULT false,
  created_at    TIMESTAMP NOT NULL
);

-- Single sign-on accounts, keyed on the provider's immutable subject id (issuer + sub), never on a
-- name or e-mail address, which change and get reused. Each links to its meta.users row (password_hash
-- 'sso': no password login), so disabling it and ending its sessions work as for password accounts.
CREATE TABLE IF NOT EXISTS meta.oidc_users (
  issuer        VARCHAR NOT NULL,
  subject       VARCHAR NOT NULL,
  username      VARCHAR NOT NULL UNIQUE,
  created_at    TIMESTAMP NOT NULL,
  last_login    TIMESTAMP NOT NULL,
  PRIMARY KEY (issuer, subject)
);

-- Rows a run rejected, with where each came from and why: a sample of the first 1,000 per run
-- (src/pipelines/framework/reject-store.ts); meta.reject_counts counts all of them, so nothing is dropped
-- silently. Both go once their run is older than MM_REJECTS_RETENTION_DAYS.
DROP TABLE IF EXISTS meta.quarantine;
CREATE TABLE IF NOT EXISTS meta.rejects (
  run_id        BIGINT NOT NULL,
  pipeline      VARCHAR NOT NULL,
  origin        VARCHAR NOT NULL,            -- URL, page or file the row came from
  line          BIGINT,                      -- line in the file, or position in the page
  column_name   VARCHAR,                     -- the column that broke a rule, when one did
  reason        VARCHAR NOT NULL,
  raw           VARCHAR NOT NULL             -- the record, line or value as received
);

-- The outcome of every declared check of every run that got as far as checking.
CREATE TABLE IF NOT EXISTS meta.check_results (
  run_id        BIGINT NOT NULL,
  pipeline      VARCHAR NOT NULL,
  name          VARCHAR NOT NULL,
  level         VARCHAR NOT NULL,            -- error | warn
  passed        BOOLEAN NOT NULL,
  count         DOUBLE NOT NULL,
  sample        VARCHAR[] NOT NULL,
  message       VARCHAR NOT NULL
);

-- One row per running pipeline: runs never overlap, also across connections. The process that owns
-- the database file is the only writer, so at start-up every lock left here is stale and cleared.
CREATE TABLE IF NOT EXISTS meta.pipeline_locks (
  pipeline      VARCHAR PRIMARY KEY,
  run_id        BIGINT NOT NULL,
  acquired_at   TIMESTAMP NOT NULL
);

ALTER TABLE meta.pipeline_runs ADD COLUMN IF NOT EXISTS warnings INTEGER DEFAULT 0;

-- The analyst reads run errors, check messages and reject reasons in Dutch or English: the existing
-- column keeps the English text (CLI, logs, webhooks), these the Dutch. Rows written before they
-- existed have NULL here and show their English text in both languages.
ALTER TABLE meta.pipeline_runs ADD COLUMN IF NOT EXISTS error_nl VARCHAR;
ALTER TABLE meta.check_results ADD COLUMN IF NOT EXISTS message_nl VARCHAR;
ALTER TABLE meta.rejects ADD COLUMN IF NOT EXISTS reason_nl VARCHAR;

-- Every rejected row of a run, counted per column and reason (the reason without the row's own
-- values, e.g. "unreadable line (CAST)"): complete, where meta.rejects keeps a sample.
CREATE TABLE IF NOT EXISTS meta.reject_counts (
  run_id        BIGINT NOT NULL,
  pipeline      VARCHAR NOT NULL,
  column_name   VARCHAR,
  reason        VARCHAR NOT NULL,
  reason_nl     VARCHAR NOT NULL,
  rejected      BIGINT NOT NULL
);

-- Identical copies of a record that arrived more than once in a run (two pages, two request windows
-- sharing a bound): kept once, so read = loaded + rejected + duplicate. NULL for runs before this column.
ALTER TABLE meta.pipeline_runs ADD COLUMN IF NOT EXISTS rows_duplicate BIGINT;

-- Every publish takes the next number: a backfill publishes slice after slice within one run, and
-- whatever is computed from published data (caches, ETags) is versioned by it (published-runs.ts).
CREATE SEQUENCE IF NOT EXISTS meta.publish_seq START 1;
ALTER TABLE meta.published ADD COLUMN IF NOT EXISTS seq BIGINT;

-- Published rows a run replaced by the same key in a better tier (a validated hour where a provisional
-- one was): NULL for runs before this column.
ALTER TABLE meta.pipeline_runs ADD COLUMN IF NOT EXISTS rows_replaced BIGINT;

-- The slices of a backfill (src/pipelines/framework/slices.ts): the source's plan, in order, and
-- which run loaded each (set in the slice's own publish transaction). A restart skips the loaded ones.
CREATE TABLE IF NOT EXISTS meta.pipeline_slices (
  pipeline      VARCHAR NOT NULL,
  slice_id      VARCHAR NOT NULL,            -- e.g. validated:2019, provisional:2025-03
  label         VARCHAR NOT NULL,            -- for people: "2019, vastgesteld"
  position      INTEGER NOT NULL,
  run_id        BIGINT,                      -- NULL while still to load
  rows_loaded   BIGINT,
  rows_replaced BIGINT,
  seconds       DOUBLE,
  loaded_at     TIMESTAMP,
  PRIMARY KEY (pipeline, slice_id)
);

-- Each start that found the write-ahead log damaged and moved it aside (src/store/open-instance.ts):
-- the data went back to the last checkpoint. Health stays degraded until `npm run rebuild` succeeds.
CREATE TABLE IF NOT EXISTS meta.recoveries (
  recovered_at  TIMESTAMP NOT NULL,
  wal_kept_as   VARCHAR NOT NULL,            -- where the damaged WAL's bytes were kept
  wal_bytes     BIGINT NOT NULL,
  wal_replayed  BIGINT NOT NULL,             -- its first bytes that were replayed (those before the damage)
  reason        VARCHAR NOT NULL,            -- DuckDB's error, or why the WAL was judged unreadable
  cut_off       VARCHAR[] NOT NULL,          -- pipelines whose last recorded run never finished
  rebuilt_at    TIMESTAMP                    -- set by npm run rebuild once every pipeline ran again
);

-- Who saw or exported which dossier, when: establishments run by natural persons are personal data.
-- Readable by admin only (GET /api/v1/audit); only ever appended to.
CREATE SEQUENCE IF NOT EXISTS meta.audit_id START 1;
CREATE TABLE IF NOT EXISTS meta.audit_log (
  audit_id      BIGINT PRIMARY KEY DEFAULT nextval('meta.audit_id'),
  viewed_at     TIMESTAMP NOT NULL,
  username      VARCHAR NOT NULL,
  role          VARCHAR NOT NULL,
  action        VARCHAR NOT NULL,            -- view-establishment | export-establishment | view-location
  subject       VARCHAR NOT NULL             -- establishment id, or the location as "lat,lon"
);

-- Great-circle distance in metres between two WGS84 points (haversine), for "near this point".
CREATE OR REPLACE MACRO meta.distance_m(lat1, lon1, lat2, lon2) AS
  12742000 * asin(sqrt(pow(sin(radians(lat2 - lat1) / 2), 2) + cos(radians(lat1)) * cos(radians(lat2)) * pow(sin(radians(lon2 - lon1) / 2), 2)));

-- Alerts (src/engine/alerts): one row per time a rule's condition held for a subject, opened when it
-- started and resolved when it ended; at most one open row per rule and subject, so a condition that
-- lasts notifies once. The delivery columns are about the last webhook event sent for the row.
CREATE SEQUENCE IF NOT EXISTS meta.alert_id START 1;
CREATE TABLE IF NOT EXISTS meta.alerts (
  alert_id          BIGINT PRIMARY KEY DEFAULT nextval('meta.alert_id'),
  rule              VARCHAR NOT NULL,          -- the rule's id in the rules file (MM_ALERTS)
  kind              VARCHAR NOT NULL,          -- indicator-off-track | station-24h | pipeline-failed | pipeline-stale
  subject           VARCHAR NOT NULL,          -- indicator id, pipeline name, or "<station>/<component>"
  opened_at         TIMESTAMP NOT NULL,
  resolved_at       TIMESTAMP,
  message_nl        VARCHAR NOT NULL,
  message_en        VARCHAR NOT NULL,
  details           VARCHAR NOT NULL,          -- JSON object
  delivery_event    VARCHAR,                   -- opened | resolved
  delivery_status   VARCHAR NOT NULL,          -- none (no webhook) | pending | delivered | failed
  delivery_attempts INTEGER NOT NULL DEFAULT 0,
  delivery_error    VARCHAR
);

-- The last successful login of an account (password or single sign-on), shown on the admin's account page.
ALTER TABLE meta.users ADD COLUMN IF NOT EXISTS last_login_at TIMESTAMP;

-- Who started a run by hand (the session's username); NULL for scheduled, start-up and command-line runs.
ALTER TABLE meta.pipeline_runs ADD COLUMN IF NOT EXISTS started_by VARCHAR;

-- Notes on the data (src/engine/annotations): a dated note on an indicator, a station or a pipeline,
-- shown on its charts, in its provenance and in its exports. Deleting one removes the row.
CREATE SEQUENCE IF NOT EXISTS meta.annotation_id START 1;
CREATE TABLE IF NOT EXISTS meta.annotations (
  annotation_id BIGINT PRIMARY KEY DEFAULT nextval('meta.annotation_id'),
  subject       VARCHAR NOT NULL,            -- indicator | station | pipeline
  subject_id    VARCHAR NOT NULL,            -- indicator id, station number or pipeline name
  date_from     DATE NOT NULL,
  date_to       DATE,                        -- NULL: one day
  text_nl       VARCHAR NOT NULL,
  text_en       VARCHAR,
  author        VARCHAR NOT NULL,            -- username
  created_at    TIMESTAMP NOT NULL
);

-- Questions about a number from any role to the analysts, with the number's provenance as the server
-- computed it for the asker's role (JSON), and the answer.
CREATE SEQUENCE IF NOT EXISTS meta.question_id START 1;
CREATE TABLE IF NOT EXISTS meta.questions (
  question_id   BIGINT PRIMARY KEY DEFAULT nextval('meta.question_id'),
  asked_by      VARCHAR NOT NULL,
  asked_role    VARCHAR NOT NULL,
  asked_at      TIMESTAMP NOT NULL,
  subject       VARCHAR NOT NULL,            -- JSON: {kind, indicatorId, period, areaCode} or {kind, station}
  provenance    VARCHAR NOT NULL,            -- JSON (QuestionProvenance)
  text          VARCHAR NOT NULL,
  status        VARCHAR NOT NULL,            -- open | answered
  answer        VARCHAR,
  answered_by   VARCHAR,
  answered_at   TIMESTAMP
);

-- What each publish changed against the previous published version of its table (PublishChanges JSON,
-- src/pipelines/framework/publish-changes.ts), written in the publish's transaction: one row per
-- publish, so a history loaded in slices has one per slice. measure_ms: what measuring it took.
CREATE SEQUENCE IF NOT EXISTS meta.publish_changes_seq START 1;
CREATE TABLE IF NOT EXISTS meta.publish_changes (
  seq        BIGINT NOT NULL DEFAULT nextval('meta.publish_changes_seq'),
  run_id     BIGINT NOT NULL,
  pipeline   VARCHAR NOT NULL,
  summary    VARCHAR NOT NULL,
  measure_ms DOUBLE NOT NULL
);

-- Sessions (src/engine/auth/session-store.ts), kept across restarts: the cookie's token is stored only
-- as its SHA-256. account_versions counts how often each account's sessions were ended, so a login
-- that read the account before the change stores no session (ADR 0002's addendum, ADR 0028).
CREATE TABLE IF NOT EXISTS meta.sessions (
  token_hash    VARCHAR PRIMARY KEY,
  csrf_token    VARCHAR NOT NULL,
  username      VARCHAR NOT NULL,
  role          VARCHAR NOT NULL,
  created_at    TIMESTAMP NOT NULL,
  last_seen_at  TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS meta.account_versions (
  username      VARCHAR PRIMARY KEY,
  version       BIGINT NOT NULL
);
-- The stored login throttle's attempts (src/engine/auth/stored-login-throttle.ts): used with
-- MM_STATE_URL, where processes share it; the embedded default counts in memory.
CREATE TABLE IF NOT EXISTS meta.login_attempts (
  attempt_id    VARCHAR NOT NULL,
  key           VARCHAR NOT NULL,
  at_ms         BIGINT NOT NULL
);
