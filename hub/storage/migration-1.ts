// Schema 1: the hub's first tables, from an empty file. Like every migration it is frozen:
// a file of version 0 must become this same schema 1 whatever later code changes (later
// migrations change it; see schema.ts).

/**
 * The evse table's columns before its record, as schema 1 made them; schema 2 builds the
 * table anew with these same columns and its own after them (migration-2.ts).
 */
export const EVSE_KEY_COLUMNS = `
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    operator_key TEXT NOT NULL,
    country TEXT NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    lat REAL,
    lon REAL,`

/**
 * Migration 1: the tables and indexes of schema 1, written out as they ran. SQLite keeps
 * each statement's text in every file (sqlite_schema), so tables of like shape (evse_status,
 * evse_pricing) stay written out rather than made by a helper that later code could change.
 */
export const SCHEMA_1 = `
  CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  INSERT INTO meta (name, value) VALUES ('clock', '0');

  CREATE TABLE operator (key TEXT PRIMARY KEY, operator_id TEXT NOT NULL, name TEXT NOT NULL) WITHOUT ROWID;

  -- One row per EVSE ever pushed; a deleted one stays (deleted = 1) for LastCall deltas.
  CREATE TABLE evse (${EVSE_KEY_COLUMNS}
    record TEXT NOT NULL
  );
  CREATE INDEX evse_by_operator ON evse (operator_key, key);
  CREATE INDEX evse_by_updated ON evse (updated);
  -- Points (min = max) by evse.id, for SearchCenter.
  CREATE VIRTUAL TABLE evse_position USING rtree (id, min_lat, max_lat, min_lon, max_lon);

  -- Row order (id) is the order of arrival: an update keeps its place, as it did in memory.
  CREATE TABLE evse_status (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    evse_id TEXT NOT NULL,
    operator_key TEXT NOT NULL,
    status TEXT NOT NULL,
    updated INTEGER NOT NULL
  );
  CREATE INDEX evse_status_by_operator ON evse_status (operator_key);

  CREATE TABLE auth_provider (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, provider_id TEXT NOT NULL);
  CREATE TABLE auth_record (
    id INTEGER PRIMARY KEY,
    provider_key TEXT NOT NULL,
    ident_key TEXT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE (provider_key, ident_key)
  );
  CREATE INDEX auth_record_by_ident ON auth_record (ident_key);

  CREATE TABLE pricing_product (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, updated INTEGER NOT NULL, data TEXT NOT NULL);

  CREATE TABLE evse_pricing (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    operator_key TEXT NOT NULL,
    operator_id TEXT NOT NULL,
    updated INTEGER NOT NULL,
    pricing TEXT NOT NULL
  );
  CREATE INDEX evse_pricing_by_operator ON evse_pricing (operator_key);

  CREATE TABLE session (id INTEGER PRIMARY KEY, session_id TEXT NOT NULL UNIQUE, data TEXT NOT NULL);

  CREATE TABLE cdr (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL UNIQUE,
    provider_key TEXT NOT NULL,
    operator_id TEXT NOT NULL,
    received INTEGER NOT NULL,
    forwarded INTEGER NOT NULL DEFAULT 0,
    cdr TEXT NOT NULL
  );
  CREATE INDEX cdr_by_provider ON cdr (provider_key, received);
  `
