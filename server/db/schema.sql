-- Bookkeeping tables of the monitor itself. Published datasets live in schema main, one table per
-- pipeline; staging tables in schema staging are per run and dropped after publish.
CREATE SCHEMA IF NOT EXISTS meta;
CREATE SCHEMA IF NOT EXISTS staging;

CREATE SEQUENCE IF NOT EXISTS meta.run_id START 1;

CREATE TABLE IF NOT EXISTS meta.pipeline_runs (
  run_id        BIGINT PRIMARY KEY DEFAULT nextval('meta.run_id'),
  pipeline      VARCHAR NOT NULL,
  trigger       VARCHAR NOT NULL,          -- schedule | manual | startup
  status        VARCHAR NOT NULL,          -- running | succeeded | failed
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

-- Every record a run rejected, with the reason: nothing is dropped silently.
CREATE TABLE IF NOT EXISTS meta.quarantine (
  run_id        BIGINT NOT NULL,
  pipeline      VARCHAR NOT NULL,
  origin        VARCHAR NOT NULL,            -- URL or file the record came from
  record_index  BIGINT NOT NULL,             -- position in that page or file
  reason        VARCHAR NOT NULL,
  raw           VARCHAR NOT NULL             -- the record as received, JSON
);
