/**
 * Quoting for SQL that the framework generates from pipeline definitions (code, never user input):
 * identifiers are validated snake_case names, literals come from zod schemas and check declarations.
 */
export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export function literal(value: string | number | boolean): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return `'${value.replaceAll("'", "''")}'`;
}
