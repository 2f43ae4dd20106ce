/**
 * CSV sources: DuckDB reads the file with the pinned dialect and the schema's column types, and
 * keeps rows it cannot parse or cast in a rejects table (store_rejects) instead of failing. Broken
 * structure (an unterminated quote, invalid UTF-8) fails the run; cast errors are quarantined.
 */
import { open } from "node:fs/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { msg } from "../../ground/i18n/message.ts";
import { invalidValueReason, violationSql, type Column } from "./compile-schema.ts";
import type { Drift } from "./drift.ts";
import { messageSql } from "./message-sql.ts";
import { storeRejects, type RejectSink } from "./reject-store.ts";
import type { CsvDialect, CsvSource, SourceSettings } from "./source.ts";
import { literal, quote } from "../../ground/sql-text.ts";
import { PipelineError } from "./pipeline-error.ts";
import type { Locator } from "./locator.ts";

const STRUCTURAL_ERRORS = ["UNQUOTED VALUE", "INVALID UNICODE", "LINE SIZE OVER MAXIMUM"];

export class StructuralError extends PipelineError {}

/** The header line, split with the dialect (the header itself must not contain the delimiter quoted). */
async function readHeader(file: string, dialect: CsvDialect): Promise<string[]> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const first = buffer.subarray(0, bytesRead).toString("utf8").split(/\r?\n/)[0] ?? "";
    const unquote = (name: string) => (name.startsWith(dialect.quote) && name.endsWith(dialect.quote) ? name.slice(1, -1) : name);
    return first
      .replace(/^\uFEFF/, "")
      .split(dialect.delimiter)
      .map((name) => unquote(name.trim()));
  } finally {
    await handle.close();
  }
}

export interface StagedCsv {
  file: string;
  rowsRead: number;
  drift: Drift;
  /** Lines DuckDB rejected (cast errors, wrong column counts), already recorded as rejects. */
  rejectedLines: number;
  /** Origin, line and raw text of a staged row, for rows rejected by the schema's rules. */
  locator: Locator;
}

export async function stageCsv(
  connection: DuckDBConnection,
  source: CsvSource,
  settings: SourceSettings,
  columns: Column[],
  stagingTable: string,
  sink: RejectSink,
): Promise<StagedCsv> {
  const file = source.file(settings);
  const { dialect } = source;
  const header = await readHeader(file, dialect);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const drift: Drift = {
    dropped: columns.filter((c) => !header.includes(c.name)).map((c) => c.name),
    added: header.filter((h) => !byName.has(h)),
    retyped: [],
  };
  if (drift.dropped.length) return { file, rowsRead: 0, drift, rejectedLines: 0, locator: { origin: literal(file), line: { row: "NULL" }, raw: "''" } };

  // Typed by name as the header has them; a column the schema does not know is read as text and left
  // out. Timestamps are read as text and cast afterwards: DuckDB 1.5 can crash casting TIMESTAMPTZ
  // inside the CSV scanner, and a failed cast is then kept in __type_error like any other rule.
  const readTypes = header.map((name) => {
    const type = byName.get(name)?.type ?? "VARCHAR";
    return `${literal(name)}: ${literal(type === "TIMESTAMP" ? "VARCHAR" : type)}`;
  });
  const rejectsTable = `${stagingTable}__rejects`;
  const options = [
    "auto_detect = false",
    "header = true",
    `delim = ${literal(dialect.delimiter)}`,
    `quote = ${literal(dialect.quote)}`,
    `escape = ${literal(dialect.escape)}`,
    `columns = {${readTypes.join(", ")}}`,
    "store_rejects = true",
    `rejects_table = ${literal(rejectsTable)}`,
    `rejects_scan = ${literal(`${rejectsTable}_scan`)}`,
  ];
  const timestampOf = (c: Column) =>
    dialect.timestampFormat
      ? `try_strptime(${quote(c.name)}, ${literal(dialect.timestampFormat)})`
      : `(TRY_CAST(${quote(c.name)} AS TIMESTAMPTZ) AT TIME ZONE 'UTC')`;
  const select = columns.map((c) => (c.type === "TIMESTAMP" ? `${timestampOf(c)}::TIMESTAMP AS ${quote(c.name)}` : quote(c.name)));
  const castErrors = columns
    .filter((c) => c.type === "TIMESTAMP")
    .map((c) => `WHEN ${quote(c.name)} IS NOT NULL AND ${timestampOf(c)} IS NULL THEN ${violationSql(c.name, invalidValueReason("TIMESTAMP"))}`);
  await connection.run(
    `CREATE OR REPLACE TABLE main.${quote(stagingTable)} AS
     SELECT ${select.join(", ")}, ${castErrors.length ? `CASE ${castErrors.join(" ")} END` : "NULL::VARCHAR[]"} AS __type_error
     FROM read_csv(${literal(file)}, ${options.join(", ")})`,
  );

  const structural = await connection.runAndReadAll(
    `SELECT line, error_type, error_message FROM ${quote(rejectsTable)} WHERE error_type IN (${STRUCTURAL_ERRORS.map((e) => literal(e)).join(", ")}) ORDER BY line LIMIT 1`,
  );
  const broken = structural.getRowObjectsJS()[0];
  if (broken)
    throw new StructuralError(
      msg("run.invalidCsv", { file, line: Number(broken.line), type: String(broken.error_type), detail: String(broken.error_message) }),
    );

  // DuckDB's own error text stays as it is, under the catalogue's wording around it in each language.
  // Rendered in SQL (messageSql): error_message differs per line (it quotes the value), and a file
  // may have millions of bad lines. The Dutch text is pinned by test/integration/pipeline-messages.test.ts.
  const params = { type: "error_type", detail: "error_message" };
  await storeRejects(
    connection,
    sink,
    `SELECT line AS r, ${literal(file)} AS origin, line, column_name, ${messageSql("en", "reject.unreadable", params)} AS reason, ${messageSql("nl", "reject.unreadable", params)} AS reason_nl,
            ${messageSql("en", "reject.unreadableKind", params)} AS kind, ${messageSql("nl", "reject.unreadableKind", params)} AS kind_nl, csv_line AS raw
     FROM (SELECT *, row_number() OVER (PARTITION BY line ORDER BY column_idx) AS n FROM ${quote(rejectsTable)}) WHERE n = 1`,
  );
  const counts = await connection.runAndReadAll(
    `SELECT (SELECT count(*) FROM main.${quote(stagingTable)})::BIGINT, (SELECT count(DISTINCT line) FROM ${quote(rejectsTable)})::BIGINT`,
  );
  const [staged, rejectedLines] = counts.getRows()[0]!.map(Number) as [number, number];
  const rowsRead = staged + rejectedLines;
  // A column that no row could be read as its type was retyped upstream: count both kinds of cast failure.
  const castFailures = await connection.runAndReadAll(
    `SELECT c, sum(n)::BIGINT FROM (
       SELECT column_name AS c, count(DISTINCT line) AS n FROM ${quote(rejectsTable)} WHERE error_type = 'CAST' GROUP BY c
       UNION ALL SELECT __type_error[1], count(*) FROM main.${quote(stagingTable)} WHERE __type_error IS NOT NULL GROUP BY 1
     ) GROUP BY c`,
  );
  for (const [name, n] of castFailures.getRows()) {
    if (rowsRead > 0 && Number(n) === rowsRead) drift.retyped.push({ column: String(name), type: String(byName.get(String(name))?.type), rows: rowsRead });
  }

  // Rejected lines are missing from the staging table, so a staged row's line is its rowid plus the
  // header plus the rejected lines before it: an ASOF join on the rejected lines' running count.
  const offsets = quote(`${stagingTable}__rejects_offsets`);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${offsets} AS
     SELECT first_valid_after, max(before) AS before FROM (
       SELECT line - 2 - (row_number() OVER (ORDER BY line) - 1) AS first_valid_after, row_number() OVER (ORDER BY line) AS before
       FROM (SELECT DISTINCT line FROM ${quote(rejectsTable)})
     ) GROUP BY first_valid_after`,
  );
  return {
    file,
    rowsRead,
    drift,
    rejectedLines,
    locator: {
      origin: literal(file),
      raw: "to_json(s)::VARCHAR",
      extraViolation: "WHEN s.__type_error IS NOT NULL THEN s.__type_error",
      line: { rejected: "x.r + 2 + coalesce(o.before, 0)", join: `ASOF LEFT JOIN ${offsets} o ON x.r >= o.first_valid_after` },
    },
  };
}

/** Drops the tables read_csv and stageCsv made beside the staging table, also after a failure. */
export async function dropCsvScratch(connection: DuckDBConnection, stagingTable: string): Promise<void> {
  for (const suffix of ["__rejects", "__rejects_scan", "__rejects_offsets"]) {
    await connection.run(`DROP TABLE IF EXISTS ${quote(`${stagingTable}${suffix}`)}`);
  }
}
