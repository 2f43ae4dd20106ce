/** State timestamps are UTC without a zone, in both engines: written from ISO text, read back as Dates. */

/** The value to bind for a `$n::TIMESTAMP` column: UTC, without the zone. */
export const utcTimestamp = (at: Date | number): string => new Date(at).toISOString().replace("Z", "");

/** A TIMESTAMP read back (a Date, UTC) as milliseconds since the epoch. */
export const millisOf = (value: unknown): number => (value instanceof Date ? value.getTime() : new Date(`${String(value).replace(" ", "T")}Z`).getTime());

/** A TIMESTAMP read back as the API writes it: 2026-03-02T09:00:00Z (whole seconds); null stays null. */
export function isoSeconds(value: unknown): string;
export function isoSeconds(value: unknown, nullable: "nullable"): string | null;
export function isoSeconds(value: unknown, nullable?: "nullable"): string | null {
  if (value == null && nullable) return null;
  return `${new Date(millisOf(value)).toISOString().slice(0, 19)}Z`;
}
