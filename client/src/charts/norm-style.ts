/**
 * How every chart draws a norm, so law and advice are never drawn as the same kind of line (issue 19):
 * an EU limit value (id "eu-…", law) is a solid red line, thick for the value in force and thin for
 * the one from 2030; the WHO guideline (id "who-…", advice) is a dotted violet line. The plan's own
 * target stays the teal dashed path with a diamond (target-marks.ts), unlike either. Used by the
 * trend, hourly, annual-limits and norm-comparison charts and by the keys that explain them.
 */
import { chartColours } from "./target-marks.ts";

/** Law (an EU limit value) or advice (the WHO guideline). */
export type NormKind = "limit" | "guideline";

export interface NormStyle {
  kind: NormKind;
  stroke: string;
  width: number;
  /** An SVG stroke-dasharray; "none" for a solid line. */
  dash: string;
}

/** Dotted, in a colour that is neither the limits' red, the target's teal nor the forecast's blue. */
export const guidelineColour = "#6a4c93";

const styles = {
  limit: { kind: "limit", stroke: chartColours.norm, width: 3, dash: "none" },
  limit2030: { kind: "limit", stroke: chartColours.norm, width: 1.5, dash: "none" },
  guideline: { kind: "guideline", stroke: guidelineColour, width: 2, dash: "1.5 3" },
} as const satisfies Record<string, NormStyle>;

/**
 * The kind of a norm by its id. Only "eu-…" is law; anything else is drawn as advice, so a norm the
 * client does not know is never presented as legally binding.
 */
export function normKind(normId: string): NormKind {
  return normId.startsWith("eu-") ? "limit" : "guideline";
}

/** The line for one norm: "eu-2008", "eu-current", "eu-2030-24h", "who-2021", … */
export function normStyle(normId: string): NormStyle {
  if (normKind(normId) === "guideline") return styles.guideline;
  return normId.startsWith("eu-2030") ? styles.limit2030 : styles.limit;
}

/** One swatch per distinct line among the norms, grouped by kind, for a chart's key. */
export function normKeyEntries(normIds: readonly string[]): { kind: NormKind; swatches: NormStyle[] }[] {
  return (["limit", "guideline"] as const)
    .map((kind) => ({
      kind,
      swatches: [...new Set(normIds.filter((id) => normKind(id) === kind).map(normStyle))].sort((a, b) => b.width - a.width),
    }))
    .filter((entry) => entry.swatches.length > 0);
}
