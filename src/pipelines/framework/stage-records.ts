/**
 * Record sources (JSON pages and files): each record is appended as JSON text, then DuckDB casts
 * every field set-wise into the typed staging table. A value of the wrong JSON type or one that does
 * not cast is kept in `__type_error`, so validation can quarantine it with the column and reason.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { invalidValueReason, violationSql, type Column, type ColumnType } from "./compile-schema.ts";
import type { Drift } from "./drift.ts";
import type { RecordSource, ExtractContext } from "./source.ts";
import { literal, quote } from "../../ground/sql-text.ts";
import type { Locator } from "./locator.ts";

/** JSON types DuckDB's json_type() reports that each column type accepts. */
const acceptedJsonTypes: Record<ColumnType, string[]> = {
  VARCHAR: ["VARCHAR"],
  DOUBLE: ["DOUBLE", "BIGINT", "UBIGINT"],
  BIGINT: ["BIGINT", "UBIGINT"],
  BOOLEAN: ["BOOLEAN"],
  DATE: ["VARCHAR"],
  TIMESTAMP: ["VARCHAR"],
  "VARCHAR[]": ["ARRAY"],
  JSON: ["OBJECT", "ARRAY", "VARCHAR", "DOUBLE", "BIGINT", "UBIGINT", "BOOLEAN"],
};

function castSql(type: ColumnType, value: string): string {
  const text = `json_extract_string(${value}, '$')`;
  switch (type) {
    case "VARCHAR":
      return text;
    case "TIMESTAMP":
      return `(TRY_CAST(${text} AS TIMESTAMPTZ) AT TIME ZONE 'UTC')`;
    case "VARCHAR[]":
      return `TRY_CAST(${value} AS VARCHAR[])`;
    case "JSON":
      return value;
    default:
      return `TRY_CAST(${text} AS ${type})`;
  }
}

export interface StagedRecords {
  rowsRead: number;
  drift: Drift;
}

export async function stageRecords(
  connection: DuckDBConnection,
  source: RecordSource,
  context: ExtractContext,
  columns: Column[],
  stagingTable: string,
  onRead: (rowsRead: number) => void,
): Promise<StagedRecords> {
  const raw = `${stagingTable}__raw`;
  await connection.run(`CREATE OR REPLACE TABLE main.${quote(raw)} (__origin VARCHAR, __line BIGINT, __raw VARCHAR)`);
  let rowsRead = 0;
  const appender = await connection.createAppender(raw, "main");
  try {
    for await (const page of source.extract(context)) {
      page.records.forEach((record, index) => {
        appender.appendVarchar(page.origin);
        appender.appendBigInt(BigInt(index + 1));
        appender.appendVarchar(JSON.stringify(record) ?? "null");
        appender.endRow();
      });
      rowsRead += page.records.length;
      onRead(rowsRead);
    }
  } finally {
    appender.closeSync();
  }

  // One parse per record: json_extract with a list of paths returns all fields at once.
  const paths = `[${columns.map((c) => literal(`$."${c.name}"`)).join(", ")}]`;
  const field = (i: number) => `__v[${i + 1}]`;
  const present = (i: number) => `(json_type(${field(i)}) IS NOT NULL AND json_type(${field(i)}) <> 'NULL')`;
  const typeErrors = columns.map((c, i) => {
    const accepted = acceptedJsonTypes[c.type].map((t) => literal(t)).join(", ");
    return `WHEN ${present(i)} AND (json_type(${field(i)}) NOT IN (${accepted}) OR ${castSql(c.type, field(i))} IS NULL) THEN ${violationSql(c.name, invalidValueReason(c.type))}`;
  });
  // No ORDER BY: a projection keeps the rows' order (preserve_insertion_order), while sorting every
  // record's raw JSON spilled more than the 4 GB temp cap at 33 million records (bench growth).
  await connection.run(
    `CREATE OR REPLACE TABLE main.${quote(stagingTable)} AS
     SELECT ${columns.map((c, i) => `${castSql(c.type, field(i))}::${c.type} AS ${quote(c.name)}`).join(", ")},
            __origin, __line, __raw, CASE ${typeErrors.join(" ")} END AS __type_error
     FROM (SELECT *, json_extract(__raw, ${paths}) AS __v FROM main.${quote(raw)})`,
  );

  const keys = await connection.runAndReadAll(
    `SELECT k, count(*)::BIGINT AS n FROM (SELECT unnest(json_keys(__raw)) AS k FROM main.${quote(raw)} WHERE json_type(__raw) = 'OBJECT') GROUP BY k`,
  );
  const keyCounts = new Map(keys.getRows().map(([k, n]) => [String(k), Number(n)]));
  const typeErrorCounts = await connection.runAndReadAll(
    `SELECT __type_error[1] AS c, count(*)::BIGINT FROM main.${quote(stagingTable)} WHERE __type_error IS NOT NULL GROUP BY c`,
  );
  const failedCasts = new Map(typeErrorCounts.getRows().map(([c, n]) => [String(c), Number(n)]));
  await connection.run(`DROP TABLE main.${quote(raw)}`);

  const expected = new Set(columns.map((c) => c.name));
  return {
    rowsRead,
    drift: {
      dropped: rowsRead > 0 ? columns.filter((c) => !keyCounts.has(c.name) && !c.optional).map((c) => c.name) : [],
      added: [...keyCounts.keys()].filter((k) => !expected.has(k)).sort(),
      retyped: columns
        .filter((c) => (keyCounts.get(c.name) ?? 0) > 0 && failedCasts.get(c.name) === keyCounts.get(c.name))
        .map((c) => ({ column: c.name, type: c.type, rows: keyCounts.get(c.name)! })),
    },
  };
}

/** Where a staged row came from and what it was, for the reject table. */
export const recordLocator: Locator = {
  origin: "s.__origin",
  line: { row: "s.__line" },
  raw: "s.__raw",
  extraViolation: "WHEN __type_error IS NOT NULL THEN __type_error",
};
