/**
 * One DuckDB instance per process, and a small pool of connections so that concurrent requests
 * never queue behind each other's queries (a DuckDB connection runs one query at a time).
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { QueryTimeout, Unavailable } from "../ground/domain-errors.ts";
import { msg } from "../ground/i18n/message.ts";
import { literal } from "../ground/sql-text.ts";
import { openInstance, type WalSetAside } from "./open-instance.ts";
import { createPublishedState, type PublishedState } from "./published-runs.ts";
import { renameLegacyTables, type TableRename } from "./rename-legacy-tables.ts";

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface QueryOptions {
  /** Aborting interrupts the running query (e.g. the HTTP client went away). */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface Database {
  readonly path: string;
  /** Set when the WAL was damaged and moved aside at open: the data is that of the last checkpoint. */
  readonly walSetAside: WalSetAside | null;
  /** Tables of an older database renamed after their pipeline at this open (see rename-legacy-tables.ts). */
  readonly renamedTables: TableRename[];
  /** Which run each pipeline has published now, kept in memory (see published-runs.ts). */
  readonly published: PublishedState;
  /** Borrows a connection for `fn`; it is interrupted at the deadline or on abort. */
  withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>, options?: QueryOptions): Promise<T>;
  /** Runs one parameterised query and returns its rows as plain objects (BIGINT as number). */
  query(sql: string, params?: Params, options?: QueryOptions): Promise<Row[]>;
  /**
   * Runs one query and hands its rows to `onRows` a chunk (2048 rows) at a time, awaiting each: a
   * slow consumer slows the query down instead of the rows piling up in memory. Returns the count.
   */
  stream(sql: string, params: Params, options: QueryOptions, onRows: (rows: Row[]) => Promise<void>): Promise<number>;
  /**
   * Closes the database: connections in use (e.g. a cache computed after a publish) are interrupted
   * and closed as they come back, so the file is unlocked when the promise resolves. A request
   * for a connection from then on fails with 503.
   */
  close(): Promise<void>;
}

/** How long close() waits for connections in use to come back after interrupting them. */
const CLOSE_WAIT_MS = 10_000;

const schemaSql = readFileSync(path.join(import.meta.dirname, "schema.sql"), "utf8");
const domainRulesSql = readFileSync(path.join(import.meta.dirname, "domain-rules.sql"), "utf8");

/**
 * Locks the instance down once the schema is in place: no file outside `allowedDirectories` (the
 * sources' files), no network, no extension loading, a memory limit and a capped temp directory,
 * and no statement can change any of that afterwards (`lock_configuration`).
 */
export interface Lockdown {
  allowedDirectories: string[];
  memoryLimit: string;
}

/** Creates the schema (tables, sequences, macros) and the domain rules in the connection's current database. */
export async function createSchema(connection: DuckDBConnection): Promise<void> {
  await connection.run(schemaSql);
  await connection.run(domainRulesSql);
}

function lockdownSql({ allowedDirectories, memoryLimit }: Lockdown): string {
  const directories = allowedDirectories.map((d) => literal(path.resolve(d) + path.sep)).join(", ");
  return [
    `SET allowed_directories = [${directories}]`,
    "SET enable_external_access = false",
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    `SET memory_limit = ${literal(memoryLimit)}`,
    "SET max_temp_directory_size = '4GB'",
    "SET lock_configuration = true",
  ].join(";\n");
}

export interface OpenOptions {
  maxConnections?: number;
  defaultTimeoutMs?: number;
  lockdown?: Lockdown;
  /**
   * Opens a finished file as it is (a reader's snapshot, src/store/snapshots): DuckDB's READ_ONLY
   * mode, which other processes may share; no schema, rules or renames are written (the writer did
   * that), and no WAL is replayed (a snapshot is checkpointed whole before it gets its name).
   */
  readOnly?: boolean;
}

export async function openDatabase(
  file: string,
  { maxConnections = 8, defaultTimeoutMs = 10_000, lockdown, readOnly = false }: OpenOptions = {},
): Promise<Database> {
  if (file !== ":memory:" && !readOnly) mkdirSync(path.dirname(file), { recursive: true });
  const { instance, walSetAside } = readOnly
    ? { instance: await DuckDBInstance.create(file, { access_mode: "READ_ONLY" }), walSetAside: null }
    : await openInstance(file);
  const bootstrap = await instance.connect();
  let renamedTables: TableRename[] = [];
  if (!readOnly) {
    await createSchema(bootstrap);
    renamedTables = await renameLegacyTables(bootstrap);
  }
  if (lockdown) await bootstrap.run(lockdownSql(lockdown));
  bootstrap.closeSync();

  const idle: DuckDBConnection[] = [];
  const busy = new Set<DuckDBConnection>();
  const waiting: ((connection: DuckDBConnection | Error) => void)[] = [];
  let open = 0;
  let closing = false;
  let allReturned: (() => void) | null = null;
  const closed = () => new Unavailable(msg("db.closing"));

  async function connect(): Promise<DuckDBConnection> {
    open += 1;
    const connection = await instance.connect();
    if (!closing) return connection;
    connection.closeSync();
    throw closed();
  }

  /** A free connection, waiting at most until `deadline` (and never past an abort) when all are busy. */
  async function acquire(deadline: number, timeoutMs: number, signal?: AbortSignal): Promise<DuckDBConnection> {
    if (closing) throw closed();
    const connection = idle.pop() ?? (open < maxConnections ? await connect() : undefined);
    if (connection) return connection;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const waiter = (free: DuckDBConnection | Error) => {
        cleanup();
        if (free instanceof Error) reject(free);
        else resolve(free);
      };
      const giveUp = (error: unknown) => {
        cleanup();
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(error);
      };
      const timer = setTimeout(() => giveUp(new QueryTimeout(msg("db.noConnection", { ms: timeoutMs }))), Math.max(0, deadline - Date.now()));
      const onAbort = () => giveUp(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      waiting.push(waiter);
    });
  }

  function release(connection: DuckDBConnection): void {
    busy.delete(connection);
    if (closing) {
      connection.closeSync();
      if (busy.size === 0) allReturned?.();
      return;
    }
    const next = waiting.shift();
    if (next) next(connection);
    else idle.push(connection);
  }

  async function withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>, { signal, timeoutMs = defaultTimeoutMs }: QueryOptions = {}): Promise<T> {
    signal?.throwIfAborted();
    // One deadline for waiting for a connection and running the query.
    const deadline = Date.now() + timeoutMs;
    const connection = await acquire(deadline, timeoutMs, signal);
    busy.add(connection);
    let timedOut = false;
    // interrupt() only stops a query DuckDB is executing; one still queued for a worker thread (libuv
    // runs four by default) would start afterwards and run on. So it is repeated until the query ends.
    let repeat: ReturnType<typeof setInterval> | undefined;
    const stop = () => {
      connection.interrupt();
      repeat ??= setInterval(() => connection.interrupt(), 50);
    };
    const timer = setTimeout(
      () => {
        timedOut = true;
        stop();
      },
      Math.max(1, deadline - Date.now()),
    );
    const onAbort = stop;
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      return await fn(connection);
    } catch (error) {
      if (timedOut) {
        throw new QueryTimeout(msg("db.timeout", { ms: timeoutMs }), { cause: error });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      clearInterval(repeat);
      signal?.removeEventListener("abort", onAbort);
      release(connection);
    }
  }

  const query: Database["query"] = (sql, params, options) =>
    withConnection(async (connection) => {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map(normalizeRow);
    }, options);

  return {
    path: file,
    walSetAside,
    renamedTables,
    published: await createPublishedState((sql) => query(sql)),
    withConnection,
    query,
    stream: (sql, params, options, onRows) =>
      withConnection(async (connection) => {
        const result = await connection.stream(sql, params);
        let count = 0;
        for await (const rows of result.yieldRowObjectJs()) {
          count += rows.length;
          await onRows(rows.map(normalizeRow));
        }
        return count;
      }, options),
    async close() {
      closing = true;
      for (const waiter of waiting.splice(0)) waiter(closed());
      for (const connection of idle.splice(0)) connection.closeSync();
      if (busy.size > 0) {
        const returned = new Promise<void>((resolve) => (allReturned = resolve));
        const interrupting = setInterval(() => {
          for (const connection of busy) connection.interrupt();
        }, 50);
        for (const connection of busy) connection.interrupt();
        await Promise.race([returned, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS))]);
        clearInterval(interrupting);
      }
      instance.closeSync();
    },
  };
}

export function normalizeRow(row: Record<string, unknown>): Row {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (typeof value === "bigint") row[key] = Number(value);
  }
  return row;
}
