/** Where a staged row came from, as SQL: each stager (CSV, records) says how its rows are located for reject reports. */
export interface Locator {
  /** SQL over a staged row `s` for its origin and raw text. */
  origin: string;
  raw: string;
  /** The line: SQL over the staged row `s`, or over a rejected row `x` (staging rowid `x.r`) with a join. */
  line: { row: string } | { rejected: string; join: string };
  /** Extra CASE branches checked before the schema's rules (e.g. failed casts). */
  extraViolation?: string;
}
