/**
 * The record schema, written once in zod, compiled for DuckDB: a typed column per field, and per
 * field the SQL predicates that a valid value satisfies. Validation then runs set-wise in DuckDB
 * (one pass over the staging table), never record by record in JavaScript.
 */
import type { z } from "zod";
import { localize, type LocalizedText } from "../../ground/i18n/localize.ts";
import { decodeReason, msg } from "../../ground/i18n/message.ts";
import { literal, quote } from "../../ground/sql-text.ts";

export type ColumnType = "VARCHAR" | "DOUBLE" | "BIGINT" | "BOOLEAN" | "DATE" | "TIMESTAMP" | "VARCHAR[]" | "JSON";

export interface Rule {
  /** SQL that is true for a valid value of the column (NULLs are judged by the not-null rule). */
  sql: string;
  reason: LocalizedText;
}

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** A zod `.optional()` field: an export may leave the column out altogether (it reads as NULL). */
  optional?: boolean;
  rules: Rule[];
}

interface ZodDef {
  type: string;
  format?: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: CheckDef } }[];
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  /** The schema author's own message, when the check was given one. */
  error?: (issue: object) => unknown;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { def: ZodDef }).def;

/**
 * The author's message wins over the generated one: it says how to fix the value. A catalogue message
 * (`reason(key)`) is kept in both languages; a plain text is the same in both.
 */
function withAuthorMessage(check: CheckDef, rules: Rule[]): Rule[] {
  const custom = check.error?.({});
  if (typeof custom !== "string") return rules;
  const decoded = decodeReason(custom);
  const reason = decoded ? localize(decoded) : { nl: custom, en: custom };
  return rules.map((r) => ({ ...r, reason }));
}

export function compileSchema(schema: z.ZodObject): Column[] {
  return Object.entries(schema.shape).map(([name, field]) => compileField(name, field as z.ZodType, false));
}

function compileField(name: string, field: z.ZodType, nullable: boolean): Column {
  const def = defOf(field);
  if (def.type === "optional") return { ...compileField(name, def.innerType!, true), optional: true };
  const column = quote(name);
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case "nullable":
      return compileField(name, def.innerType!, true);
    case "string": {
      if (def.format === "datetime") return { name, type: "TIMESTAMP", nullable, rules: [] };
      if (def.format === "date") return { name, type: "DATE", nullable, rules: [] };
      return { name, type: "VARCHAR", nullable, rules: checks.flatMap((c) => withAuthorMessage(c, stringRule(column, c))) };
    }
    case "enum":
    case "literal": {
      const values = def.type === "enum" ? Object.values(def.entries!) : (def.values as (string | number)[]);
      return {
        name,
        type: "VARCHAR",
        nullable,
        rules: [
          { sql: `${column} IN (${values.map((v) => literal(String(v))).join(", ")})`, reason: localize(msg("reject.oneOf", { values: values.join(", ") })) },
        ],
      };
    }
    case "number": {
      const isInt = checks.some((c) => c.check === "number_format" && /int/.test(c.format ?? ""));
      return { name, type: isInt ? "BIGINT" : "DOUBLE", nullable, rules: checks.flatMap((c) => withAuthorMessage(c, numberRule(column, c))) };
    }
    case "boolean":
      return { name, type: "BOOLEAN", nullable, rules: [] };
    case "array":
      if (defOf(def.element!).type === "string") return { name, type: "VARCHAR[]", nullable, rules: [] };
      break;
    case "object":
    case "unknown":
    case "any":
      return { name, type: "JSON", nullable, rules: [] };
  }
  throw new Error(`field ${name}: zod type "${def.type}" has no column type; use string, number, boolean, enum, date, datetime, string[] or object`);
}

function stringRule(column: string, check: CheckDef): Rule[] {
  if (check.check === "string_format" && check.format === "regex" && check.pattern) {
    return [
      { sql: `regexp_full_match(${column}, ${literal(check.pattern.source)})`, reason: localize(msg("reject.pattern", { pattern: check.pattern.source })) },
    ];
  }
  if (check.check === "min_length")
    return [{ sql: `length(${column}) >= ${check.minimum}`, reason: localize(msg("reject.minLength", { min: check.minimum! })) }];
  if (check.check === "max_length")
    return [{ sql: `length(${column}) <= ${check.maximum}`, reason: localize(msg("reject.maxLength", { max: check.maximum! })) }];
  if (check.check === "string_format") throw new Error(`string format "${check.format}" cannot be checked in SQL yet`);
  return [];
}

function numberRule(column: string, check: CheckDef): Rule[] {
  if (check.check === "greater_than") {
    return [
      {
        sql: `${column} ${check.inclusive ? ">=" : ">"} ${literal(check.value!)}`,
        reason: localize(msg(check.inclusive ? "reject.atLeast" : "reject.moreThan", { value: check.value! })),
      },
    ];
  }
  if (check.check === "less_than") {
    return [
      {
        sql: `${column} ${check.inclusive ? "<=" : "<"} ${literal(check.value!)}`,
        reason: localize(msg(check.inclusive ? "reject.atMost" : "reject.lessThan", { value: check.value! })),
      },
    ];
  }
  return [];
}

export function columnsDdl(columns: Column[]): string {
  return columns.map((c) => `${quote(c.name)} ${c.type}${c.nullable ? "" : " NOT NULL"}`).join(", ");
}

const dutchTypeNames: Record<ColumnType, string> = {
  VARCHAR: "tekst",
  DOUBLE: "getal",
  BIGINT: "geheel getal",
  BOOLEAN: "waar of onwaar",
  DATE: "datum",
  TIMESTAMP: "tijdstip",
  "VARCHAR[]": "lijst van teksten",
  JSON: "JSON",
};

/** Why a value that does not cast to its column's type was quarantined: `not a valid double`. */
export function invalidValueReason(type: ColumnType): LocalizedText {
  return localize(msg("reject.invalidValue", { type: { nl: dutchTypeNames[type], en: type.toLowerCase() } }));
}

/** SQL for a violation as validation keeps it: `[column, English reason, Dutch reason]`. */
export function violationSql(column: string, reason: LocalizedText): string {
  return `[${literal(column)}, ${literal(reason.en)}, ${literal(reason.nl)}]`;
}

/**
 * A CASE expression giving `[column, reason in English, reason in Dutch]` of the first rule a row breaks, or NULL for a valid
 * row; `extra` puts earlier findings (e.g. a failed cast) in front.
 */
export function firstViolationSql(columns: Column[], extra: string[] = []): string {
  const branches = [...extra];
  for (const c of columns) {
    if (!c.nullable) branches.push(`WHEN ${quote(c.name)} IS NULL THEN ${violationSql(c.name, localize(msg("reject.required")))}`);
    for (const rule of c.rules) branches.push(`WHEN ${quote(c.name)} IS NOT NULL AND NOT (${rule.sql}) THEN ${violationSql(c.name, rule.reason)}`);
  }
  return branches.length ? `CASE ${branches.join(" ")} END` : "NULL::VARCHAR[]";
}
