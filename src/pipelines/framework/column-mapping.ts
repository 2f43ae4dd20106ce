/**
 * Column mappings: a register as a VTH system (Squit, Powerbrowser, Mozard, Decos, OpenWave …) exports
 * it, read without reshaping it. One JSON file per export (`<MM_REGISTER_MAPPINGS>/<pipeline>.json`)
 * maps each source column to a field of the pipeline, with value maps for statuses and categories, a
 * date format and a decimal comma; names the columns deliberately left out; and may pin the export's
 * CSV dialect. A mapping is checked at boot (checkColumnMappings) and again when a run reads it
 * (loadColumnMapping); stage-csv.ts applies it in SQL with mappedColumnsSql. docs/registers.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import dutchZod from "zod/v4/locales/nl.js";
import { localize } from "../../ground/i18n/localize.ts";
import { msg, type Message } from "../../ground/i18n/message.ts";
import { literal, quote } from "../../ground/sql-text.ts";
import { invalidValueReason, violationSql, type Column, type ColumnType } from "./compile-schema.ts";
import { messageSql } from "./message-sql.ts";
import { PipelineError } from "./pipeline-error.ts";
import type { CsvDialect, Source, SourceSettings } from "./source.ts";

/** A strptime format: text and DuckDB's directives only, at least one of them a date's or a time's. */
const isDateFormat = (format: string) => /^(?:[^%]|%-?[aAbBcdfgGHIjmMpSuUVwWxXyYzZ%])*$/.test(format) && /%-?[dmyYbBjHM]/.test(format);

const FieldSpec = z.strictObject({
  /** The pipeline's field this source column fills. */
  field: z.string().min(1),
  /** Source value → our value; a value not listed quarantines its row. */
  values: z
    .record(z.string().min(1), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .refine((values) => Object.keys(values).length > 0, { error: "list at least one value" })
    .optional(),
  /** strptime format of a date or time field, e.g. "%d-%m-%Y". */
  date: z.string().min(1).optional(),
  /** "," for a decimal comma (no thousands separators). */
  decimal: z.enum([",", "."]).optional(),
});

const MappingFile = z.strictObject({
  /** Free text for the people who maintain the file (JSON has no comments). */
  comment: z.string().optional(),
  pipeline: z.string().min(1),
  dialect: z
    .strictObject({
      delimiter: z.string().length(1).optional(),
      quote: z.string().length(1).optional(),
      escape: z.string().length(1).optional(),
      encoding: z.enum(["utf-8", "latin-1"]).optional(),
    })
    .optional(),
  /** Source column → field name, or → {field, values?, date?, decimal?}. */
  columns: z.record(
    z.string().min(1),
    z.preprocess((spec) => (typeof spec === "string" ? { field: spec } : spec), FieldSpec),
  ),
  /** Source columns deliberately not loaded (personal data, notes): any other column fails the run. */
  ignore: z.array(z.string().min(1)).default([]),
});

export interface FieldMapping extends z.output<typeof FieldSpec> {
  /** The export's column, as its header names it. */
  source: string;
}

export interface ColumnMapping {
  /** The mapping file, as the operator edits it. */
  file: string;
  dialect: Partial<Pick<CsvDialect, "delimiter" | "quote" | "escape" | "encoding">>;
  fields: FieldMapping[];
  ignore: string[];
}

export class ColumnMappingError extends PipelineError {}

const dutchIssues = dutchZod().localeError;
/** A path into the file as the operator reads it: columns."Datum besluit".field; the top level is "$". */
const pathText = (parts: PropertyKey[]) => parts.map((p) => (typeof p === "string" && /^[A-Za-z_]\w*$/.test(p) ? p : JSON.stringify(p))).join(".") || "$";

/** The mapping file `<folder>/<name>.json` when the folder is set and holds one; else the export is in our columns. */
export function mappingFileOf(settings: SourceSettings, name: string | undefined): string | null {
  if (!settings.registerMappings || !name) return null;
  const file = path.resolve(settings.registerMappings, `${name}.json`);
  return existsSync(file) ? file : null;
}

/** Reads and checks a mapping for the pipeline `name` with these columns; throws ColumnMappingError naming the file and the field. */
export function loadColumnMapping(file: string, name: string, columns: Column[]): ColumnMapping {
  let json: unknown;
  try {
    // Windows editors save UTF-8 with a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ColumnMappingError(msg("mapping.unreadable", { file, detail: (error as Error).message }));
  }
  const invalid = (parts: PropertyKey[], problem: Message | { nl: string; en: string }) =>
    new ColumnMappingError(msg("mapping.invalid", { file, path: pathText(parts), problem }));
  const parsed = MappingFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const dutch = MappingFile.safeParse(json, { error: dutchIssues }).error?.issues[0]?.message ?? issue.message;
    throw invalid(issue.path, { en: issue.message, nl: dutch });
  }
  const { pipeline, dialect = {}, columns: specs, ignore } = parsed.data;
  if (pipeline !== name) throw invalid(["pipeline"], msg("mapping.wrongPipeline", { found: pipeline, expected: name }));
  const byName = new Map(columns.map((c) => [c.name, c]));
  const taken = new Map<string, string>();
  const fields = Object.entries(specs).map(([source, spec]): FieldMapping => {
    const column = byName.get(spec.field);
    const at = (key: string) => ["columns", source, key];
    if (!column) throw invalid(at("field"), msg("mapping.notAField", { field: spec.field, pipeline: name, fields: columns.map((c) => c.name).join(", ") }));
    const other = taken.get(spec.field);
    if (other !== undefined) throw invalid(at("field"), msg("mapping.fieldTwice", { field: spec.field, other }));
    taken.set(spec.field, source);
    if (spec.date !== undefined && column.type !== "DATE" && column.type !== "TIMESTAMP")
      throw invalid(at("date"), msg("mapping.notADateField", { field: spec.field, type: column.type }));
    if (spec.date !== undefined && !isDateFormat(spec.date)) throw invalid(at("date"), msg("mapping.badDateFormat", { format: spec.date }));
    if (spec.decimal !== undefined && column.type !== "DOUBLE" && column.type !== "BIGINT")
      throw invalid(at("decimal"), msg("mapping.notANumberField", { field: spec.field, type: column.type }));
    return { source, ...spec };
  });
  const both = ignore.find((column) => Object.hasOwn(specs, column));
  if (both !== undefined) throw invalid(["ignore"], msg("mapping.mappedAndIgnored", { column: both }));
  const unmapped = columns.find((c) => !c.nullable && !taken.has(c.name));
  if (unmapped) throw invalid(["columns"], msg("mapping.requiredField", { field: unmapped.name }));
  return { file, dialect, fields, ignore };
}

interface MappablePipeline {
  name: string;
  source: Source;
  columns: Column[];
}

/**
 * At boot: every `.json` file in the folder is the mapping of a pipeline that reads a CSV export
 * through one, and is valid for it. Returns the folder, resolved.
 */
export function checkColumnMappings(dir: string, pipelines: readonly MappablePipeline[]): string {
  const folder = path.resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new ColumnMappingError(msg("mapping.notAFolder", { dir: folder }));
  const mappable = new Map(pipelines.flatMap((p) => (p.source.kind === "csv" && p.source.mapping ? [[p.source.mapping, p] as const] : [])));
  for (const entry of readdirSync(folder).filter((f) => f.endsWith(".json"))) {
    const file = path.join(folder, entry);
    const pipeline = mappable.get(entry.slice(0, -".json".length));
    if (!pipeline) throw new ColumnMappingError(msg("mapping.unknownName", { file, names: [...mappable.keys()].map((n) => `${n}.json`).join(", ") }));
    loadColumnMapping(file, pipeline.name, pipeline.columns);
  }
  return folder;
}

/** The export's header against the mapping: a column neither mapped nor ignored, or a mapped one gone, fails the run. */
export function assertHeaderMatches(mapping: ColumnMapping, header: string[], exportFile: string): void {
  const missing = mapping.fields.map((f) => f.source).filter((source) => !header.includes(source));
  const known = new Set([...mapping.fields.map((f) => f.source), ...mapping.ignore]);
  // A column without a name (a trailing delimiter) holds nothing a mapping could name.
  const unexpected = header.filter((column) => column !== "" && !known.has(column));
  if (!missing.length && !unexpected.length) return;
  const list = (columns: string[]) => (columns.length ? columns.map((c) => JSON.stringify(c)).join(", ") : msg("mapping.noColumns"));
  throw new ColumnMappingError(msg("mapping.mismatch", { file: exportFile, mapping: mapping.file, missing: list(missing), unexpected: list(unexpected) }));
}

/** SQL for a TIMESTAMP read from text: a strptime format, else ISO 8601 with its offset, in UTC. */
export function timestampSql(text: string, format: string | undefined): string {
  return format ? `try_strptime(${text}, ${literal(format)})::TIMESTAMP` : `(TRY_CAST(${text} AS TIMESTAMPTZ) AT TIME ZONE 'UTC')`;
}

/** SQL reading text as a column's type, NULL where it cannot be read. */
function typedSql(text: string, type: ColumnType, { date, decimal }: Pick<FieldMapping, "date" | "decimal">): string {
  switch (type) {
    case "VARCHAR":
      return text;
    case "TIMESTAMP":
      return timestampSql(text, date);
    case "DATE":
      return date ? `try_strptime(${text}, ${literal(date)})::DATE` : `TRY_CAST(${text} AS DATE)`;
    case "BIGINT":
      // TRY_CAST would round "12.5" to 13.
      return `CASE WHEN regexp_full_match(${text}, '[+-]?[0-9]+') THEN TRY_CAST(${text} AS BIGINT) END`;
    case "DOUBLE":
      return decimal === ","
        ? `TRY_CAST(CASE WHEN regexp_full_match(${text}, '[+-]?[0-9]+(,[0-9]+)?') THEN replace(${text}, ',', '.') END AS DOUBLE)`
        : `TRY_CAST(${text} AS DOUBLE)`;
    default:
      return `TRY_CAST(${text} AS ${type})`;
  }
}

/** A CASE branch for a value that is there but could not be read: `[column, reason, reason_nl]`. */
export function unreadableValueSql(text: string, typed: string, column: string, reason: { nl: string; en: string }): string {
  return `WHEN ${text} IS NOT NULL AND ${typed} IS NULL THEN ${violationSql(column, reason)}`;
}

/**
 * Over a row `r` of the export read as text: an expression per field of the pipeline (a field no
 * column maps to is NULL), and CASE branches for the values the mapping cannot read — a value not in
 * a value map (its reason quotes the value, so it carries a kind to be counted under), a date not in
 * the format, a number without the decimal comma, any other value not of the field's type.
 */
export function mappedColumnsSql(mapping: ColumnMapping, columns: Column[]): { select: string[]; violations: string[] } {
  const select: string[] = [];
  const violations: string[] = [];
  for (const column of columns) {
    const spec = mapping.fields.find((f) => f.field === column.name);
    if (!spec) {
      select.push(`NULL::${column.type} AS ${quote(column.name)}`);
      continue;
    }
    // Values are trimmed, and a blank one is missing: exports pad cells and write "" and " " alike.
    const text = `nullif(trim(r.${quote(spec.source)}), '')`;
    let mapped = text;
    if (spec.values) {
      const entries = Object.entries(spec.values);
      mapped = `CASE ${text} ${entries.map(([from, to]) => `WHEN ${literal(from)} THEN ${to === null ? "NULL" : literal(String(to))}`).join(" ")} END`;
      const params = { value: text, column: literal(spec.source), file: literal(mapping.file) };
      const kind = localize(msg("reject.mappingValueKind", { column: spec.source, file: mapping.file }));
      violations.push(
        `WHEN ${text} IS NOT NULL AND ${text} NOT IN (${entries.map(([from]) => literal(from)).join(", ")})
         THEN [${literal(column.name)}, ${messageSql("en", "reject.mappingValue", params)}, ${messageSql("nl", "reject.mappingValue", params)}, ${literal(kind.en)}, ${literal(kind.nl)}]`,
      );
    }
    const typed = typedSql(mapped, column.type, spec);
    select.push(`${typed} AS ${quote(column.name)}`);
    if (typed === mapped) continue;
    const reason =
      spec.date !== undefined
        ? localize(msg("reject.mappingDate", { format: spec.date, column: spec.source, file: mapping.file }))
        : spec.decimal === "," && column.type === "DOUBLE"
          ? localize(msg("reject.mappingDecimal", { column: spec.source, file: mapping.file }))
          : invalidValueReason(column.type);
    violations.push(unreadableValueSql(mapped, typed, column.name, reason));
  }
  return { select, violations };
}
