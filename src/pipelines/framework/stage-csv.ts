/**
 * CSV sources: DuckDB reads the file with the pinned dialect and the schema's column types, and
 * keeps rows it cannot parse or cast in a rejects table (store_rejects) instead of failing. Broken
 * structure (an unterminated quote, invalid UTF-8) fails the run; cast errors are quarantined.
 * An export in another system's columns is read through its column mapping (column-mapping.ts): as
 * text, its header checked against the mapping, each field converted in SQL; values the mapping cannot
 * read are quarantined like cast errors, and a rejected row keeps the export's own columns as raw text.
 */
import { open } from "node:fs/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { msg } from "../../ground/i18n/message.ts";
import {
  assertHeaderMatches,
  loadColumnMapping,
  mappedColumnsSql,
  mappingFileOf,
  timestampSql,
  unreadableValueSql,
  type ColumnMapping,
} from "./column-mapping.ts";
import { invalidValueReason, type Column } from "./compile-schema.ts";
import type { Drift } from "./drift.ts";
import { messageSql } from "./message-sql.ts";
import { storeRejects, type RejectSink } from "./reject-store.ts";
import type { CsvDialect, CsvSource, SourceSettings } from "./source.ts";
import { literal, quote } from "../../ground/sql-text.ts";
import { PipelineError } from "./pipeline-error.ts";
import type { Locator } from "./locator.ts";

// DuckDB 1.5 reports bytes that are not UTF-8 as INVALID ENCODING (older versions: INVALID UNICODE).
const STRUCTURAL_ERRORS = ["UNQUOTED VALUE", "INVALID UNICODE", "INVALID ENCODING", "LINE SIZE OVER MAXIMUM"];
const ENCODING_ERRORS = new Set(["INVALID UNICODE", "INVALID ENCODING"]);

export class StructuralError extends PipelineError {}

/** The header line, split with the dialect (the header itself must not contain the delimiter quoted). */
async function readHeader(file: string, dialect: CsvDialect): Promise<string[]> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString(dialect.encoding === "latin-1" ? "latin1" : "utf8");
    const first = text.split(/\r?\n/)[0] ?? "";
    const unquote = (name: string) => (name.startsWith(dialect.quote) && name.endsWith(dialect.quote) ? name.slice(1, -1) : name);
    return first
      .replace(/^\uFEFF/, "")
      .split(dialect.delimiter)
      .map((name) => unquote(name.trim()));
  } finally {
    await handle.close();
  }
}

/** A header column without a name (a trailing delimiter) is read under a placeholder, and never loaded. */
const UNNAMED = "__unnamed_";
const readName = (name: string, index: number) => name || `${UNNAMED}${index + 1}`;

/**
 * A row as JSON text with only the given columns: what an analyst sees as a rejected row's raw value,
 * so the reader's own columns (`__type_error`, the placeholders of unnamed columns) never show there.
 */
const rowJson = (row: string, names: string[]) => `to_json({${names.map((name) => `${literal(name)}: ${row}.${quote(name)}`).join(", ")}})::VARCHAR`;

/** How a file is read: the type of each header column, the staged columns over the read row `r`, and the values that failed to read. */
interface ReadPlan {
  readTypes: string[];
  select: string[];
  violations: string[];
  /** The raw text of a staged row `s`, for rows the schema's rules reject. */
  raw: string;
}

/**
 * An export in our columns: read by name as the header has them, typed; a column the schema does
 * not know is read as text and left out. Timestamps are read as text and cast afterwards: DuckDB 1.5
 * can crash casting TIMESTAMPTZ inside the CSV scanner, and a failed cast is then kept in
 * __type_error like any other rule.
 */
function directPlan(header: string[], columns: Column[], dialect: CsvDialect): ReadPlan {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const readTypes = header.map((name, i) => {
    const type = byName.get(name)?.type ?? "VARCHAR";
    return `${literal(readName(name, i))}: ${literal(type === "TIMESTAMP" ? "VARCHAR" : type)}`;
  });
  const timestamps = columns.filter((c) => c.type === "TIMESTAMP" && header.includes(c.name));
  const timestampOf = (c: Column) => timestampSql(`r.${quote(c.name)}`, dialect.timestampFormat);
  return {
    readTypes,
    // An optional column the export leaves out reads as NULL (compile-schema.ts: a zod `.optional()` field).
    select: columns.map((c) =>
      !header.includes(c.name) && c.optional
        ? `NULL::${c.type} AS ${quote(c.name)}`
        : c.type === "TIMESTAMP"
          ? `${timestampOf(c)} AS ${quote(c.name)}`
          : `r.${quote(c.name)}`,
    ),
    violations: timestamps.map((c) => unreadableValueSql(`r.${quote(c.name)}`, timestampOf(c), c.name, invalidValueReason("TIMESTAMP"))),
    raw: rowJson(
      "s",
      columns.map((c) => c.name),
    ),
  };
}

/** An export through its column mapping: every column read as text, each field converted in SQL; a row keeps the export's own columns as raw text. */
function mappedPlan(mapping: ColumnMapping, header: string[], columns: Column[]): ReadPlan {
  const { select, violations } = mappedColumnsSql(mapping, columns);
  return {
    readTypes: header.map((name, i) => `${literal(readName(name, i))}: 'VARCHAR'`),
    select: [
      ...select,
      `${rowJson(
        "r",
        header.filter((name) => name !== ""),
      )} AS __source`,
    ],
    violations,
    raw: "s.__source",
  };
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
  const mappingFile = mappingFileOf(settings, source.mapping);
  const mapping = mappingFile ? loadColumnMapping(mappingFile, sink.pipeline, columns) : null;
  const dialect: CsvDialect = { ...source.dialect, ...mapping?.dialect };
  const header = await readHeader(file, dialect);
  const byName = new Map(columns.map((c) => [c.name, c]));
  // Through a mapping, a missing or unexpected column fails the run here, naming the mapping to edit.
  if (mapping) assertHeaderMatches(mapping, header, file);
  const drift: Drift = mapping
    ? { dropped: [], added: [], retyped: [] }
    : {
        dropped: columns.filter((c) => !header.includes(c.name) && !c.optional).map((c) => c.name),
        added: header.filter((h) => h && !byName.has(h)),
        retyped: [],
      };
  if (drift.dropped.length) return { file, rowsRead: 0, drift, rejectedLines: 0, locator: { origin: literal(file), line: { row: "NULL" }, raw: "''" } };

  const plan = mapping ? mappedPlan(mapping, header, columns) : directPlan(header, columns, dialect);
  const rejectsTable = `${stagingTable}__rejects`;
  const options = [
    "auto_detect = false",
    "header = true",
    `delim = ${literal(dialect.delimiter)}`,
    `quote = ${literal(dialect.quote)}`,
    `escape = ${literal(dialect.escape)}`,
    ...(dialect.encoding ? [`encoding = ${literal(dialect.encoding)}`] : []),
    `columns = {${plan.readTypes.join(", ")}}`,
    "store_rejects = true",
    `rejects_table = ${literal(rejectsTable)}`,
    `rejects_scan = ${literal(`${rejectsTable}_scan`)}`,
  ];
  await connection.run(
    `CREATE OR REPLACE TABLE main.${quote(stagingTable)} AS
     SELECT ${plan.select.join(", ")}, ${plan.violations.length ? `CASE ${plan.violations.join(" ")} END` : "NULL::VARCHAR[]"} AS __type_error
     FROM read_csv(${literal(file)}, ${options.join(", ")}) r`,
  );

  const structural = await connection.runAndReadAll(
    `SELECT line, error_type, error_message FROM ${quote(rejectsTable)} WHERE error_type IN (${STRUCTURAL_ERRORS.map((e) => literal(e)).join(", ")}) ORDER BY line LIMIT 1`,
  );
  const broken = structural.getRowObjectsJS()[0];
  if (broken && ENCODING_ERRORS.has(String(broken.error_type))) throw new StructuralError(msg("run.csvEncoding", { file, line: Number(broken.line) }));
  if (broken)
    throw new StructuralError(
      msg("run.invalidCsv", { file, line: Number(broken.line), type: String(broken.error_type), detail: String(broken.error_message) }),
    );

  // DuckDB's own error text stays as it is, under the catalogue's wording around it in each language.
  // Rendered in SQL (messageSql): error_message differs per line (it quotes the value), and a file
  // may have millions of bad lines. The Dutch text is pinned by test/integration/pipeline-messages.test.ts.
  const params = { type: "error_type", detail: "error_message" };
  const column = `CASE WHEN starts_with(column_name, ${literal(UNNAMED)}) THEN NULL ELSE column_name END`;
  await storeRejects(
    connection,
    sink,
    `SELECT line AS r, ${literal(file)} AS origin, line, ${column} AS column_name, ${messageSql("en", "reject.unreadable", params)} AS reason, ${messageSql("nl", "reject.unreadable", params)} AS reason_nl,
            ${messageSql("en", "reject.unreadableKind", params)} AS kind, ${messageSql("nl", "reject.unreadableKind", params)} AS kind_nl, trim(csv_line, chr(13) || chr(10)) AS raw
     FROM (SELECT *, row_number() OVER (PARTITION BY line ORDER BY column_idx) AS n FROM ${quote(rejectsTable)}) WHERE n = 1`,
  );
  const counts = await connection.runAndReadAll(
    `SELECT (SELECT count(*) FROM main.${quote(stagingTable)})::BIGINT, (SELECT count(DISTINCT line) FROM ${quote(rejectsTable)})::BIGINT`,
  );
  const [staged, rejectedLines] = counts.getRows()[0]!.map(Number) as [number, number];
  const rowsRead = staged + rejectedLines;
  // A column that no row could be read as its type was retyped upstream: count both kinds of cast failure.
  // (A value missing from a mapping's value map carries a kind, __type_error[4]: not a retyping, a quarantined row.)
  const castFailures = await connection.runAndReadAll(
    `SELECT c, sum(n)::BIGINT FROM (
       SELECT column_name AS c, count(DISTINCT line) AS n FROM ${quote(rejectsTable)} WHERE error_type = 'CAST' GROUP BY c
       UNION ALL SELECT __type_error[1], count(*) FROM main.${quote(stagingTable)} WHERE __type_error IS NOT NULL AND __type_error[4] IS NULL GROUP BY 1
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
      raw: plan.raw,
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
