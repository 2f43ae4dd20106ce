/**
 * The record schema, written once in zod, also defines the table: each field becomes a typed column.
 * Only the zod kinds a flat record needs are supported; anything else fails when the registry loads.
 */
import { DuckDBTimestampValue, type DuckDBAppender } from "@duckdb/node-api";
import type { z } from "zod";

export type ColumnType = "VARCHAR" | "DOUBLE" | "BIGINT" | "BOOLEAN" | "TIMESTAMP" | "VARCHAR[]";

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

interface ZodDef {
  type: string;
  format?: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  checks?: { _zod: { def: { format?: string } } }[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { def: ZodDef }).def;

export function columnsOf(schema: z.ZodObject): Column[] {
  return Object.entries(schema.shape).map(([name, field]) => columnOf(name, field as z.ZodType));
}

function columnOf(name: string, field: z.ZodType, nullable = false): Column {
  const def = defOf(field);
  switch (def.type) {
    case "optional":
    case "nullable":
      return columnOf(name, def.innerType!, true);
    case "string":
      return { name, type: def.format === "datetime" ? "TIMESTAMP" : "VARCHAR", nullable };
    case "enum":
    case "literal":
      return { name, type: "VARCHAR", nullable };
    case "number": {
      const isInt = def.checks?.some((c) => /int/.test(c._zod.def.format ?? ""));
      return { name, type: isInt ? "BIGINT" : "DOUBLE", nullable };
    }
    case "boolean":
      return { name, type: "BOOLEAN", nullable };
    case "array":
      if (defOf(def.element!).type === "string") return { name, type: "VARCHAR[]", nullable };
      break;
  }
  throw new Error(`field ${name}: zod type "${def.type}" has no column type; use string, number, boolean, enum, datetime or string[]`);
}

export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export function columnsDdl(columns: Column[]): string {
  return columns.map((c) => `${quote(c.name)} ${c.type}${c.nullable ? "" : " NOT NULL"}`).join(", ");
}

/** Appends one validated record; values are typed by the column, never turned into SQL text. */
export function appendRecord(appender: DuckDBAppender, columns: Column[], record: Record<string, unknown>): void {
  for (const column of columns) {
    const value = record[column.name];
    if (value === null || value === undefined) {
      appender.appendNull();
      continue;
    }
    switch (column.type) {
      case "VARCHAR":
        appender.appendVarchar(String(value));
        break;
      case "DOUBLE":
        appender.appendDouble(value as number);
        break;
      case "BIGINT":
        appender.appendBigInt(BigInt(value as number));
        break;
      case "BOOLEAN":
        appender.appendBoolean(value as boolean);
        break;
      case "TIMESTAMP":
        appender.appendTimestamp(new DuckDBTimestampValue(BigInt(Date.parse(value as string)) * 1000n));
        break;
      case "VARCHAR[]":
        appender.appendList(value as string[]);
        break;
    }
  }
  appender.endRow();
}
