/**
 * A change as a waterfall, drawn sideways so long names fit on a phone: the start value, each part's
 * contribution as a floating bar from the running total, the end value, and the gap still to close
 * to the target as an outlined, dashed bar. Rises and falls differ in colour (Okabe–Ito, safe for
 * colour blindness) and in the signed label beside each bar, so colour is never the only cue.
 * Pure: data and options in, a Plot element out.
 */
import { Plot } from "./plot.ts";
import type { Contributions } from "../../../src/ground/contract/contract-why.ts";
import { formatNumber, formatValue, decimalsFor } from "../format.ts";
import { pick, translate, type Lang } from "../i18n.ts";
import { chartColours } from "./target-marks.ts";

export const waterfallColours = { rise: "#D55E00", fall: "#0072B2", total: chartColours.ink, gap: chartColours.target } as const;

export type StepKind = "start" | "part" | "end" | "gap";

export interface WaterfallStep {
  key: string;
  label: string;
  kind: StepKind;
  x1: number;
  x2: number;
  /** What the label beside the bar says: the value for a total, the signed amount for a part or gap. */
  amount: number;
}

/** The steps of the waterfall in drawing order, with the running total each part starts from. */
export function waterfallSteps(answer: Contributions, lang: Lang): WaterfallStep[] {
  const steps: WaterfallStep[] = [];
  steps.push({
    key: "start",
    label: translate(lang, "why.start", { period: answer.from.period }),
    kind: "start",
    x1: 0,
    x2: answer.from.value,
    amount: answer.from.value,
  });
  let running = answer.from.value;
  for (const part of answer.parts) {
    steps.push({ key: part.key, label: pick(part.name, lang), kind: "part", x1: running, x2: running + part.contribution, amount: part.contribution });
    running += part.contribution;
  }
  steps.push({ key: "end", label: translate(lang, "why.end", { period: answer.to.period }), kind: "end", x1: 0, x2: answer.to.value, amount: answer.to.value });
  if (answer.total.gap !== null && answer.total.gap !== 0 && answer.target) {
    steps.push({
      key: "gap",
      label: translate(lang, "why.gap", { deadline: answer.target.deadline }),
      kind: "gap",
      x1: answer.to.value,
      x2: answer.to.value + answer.total.gap,
      amount: answer.total.gap,
    });
  }
  return steps;
}

/**
 * Where the total bars start: at zero, unless every bar end lies far from it (a share moving between
 * 22 and 23 %), where bars from zero would hide the parts; the axis then starts near the values.
 */
function baseOf(steps: readonly WaterfallStep[]): number {
  const ends = steps.flatMap((s) => (s.kind === "part" || s.kind === "gap" ? [s.x1, s.x2] : [s.x2]));
  const low = Math.min(...ends);
  const high = Math.max(...ends);
  if (low <= 0 || high - low > high / 2) return 0;
  return Math.max(0, low - (high - low) * 0.25);
}

export function waterfallChart(answer: Contributions, { width, lang }: { width: number; lang: Lang }): SVGSVGElement | HTMLElement {
  const raw = waterfallSteps(answer, lang);
  const base = baseOf(raw);
  const steps = raw.map((s) => (s.kind === "start" || s.kind === "end" ? { ...s, x1: base } : s));
  const digits = decimalsFor(answer.unit) + 1;
  const text = (s: WaterfallStep) =>
    s.kind === "part" || s.kind === "gap" ? formatNumber(s.amount, lang, { digits, signed: true }) : formatValue(s.amount, answer.unit, lang);
  const fill = (s: WaterfallStep) => (s.kind === "part" ? (s.amount < 0 ? waterfallColours.fall : waterfallColours.rise) : waterfallColours.total);
  // About 7 px a character at 12 px: names longer than the margin allows are cut with "…" (the table and the tooltip have them whole).
  const labelWidth = Math.min(width * 0.45, 16 + 7 * Math.max(...steps.map((s) => s.label.length)));
  const fits = Math.max(4, Math.floor((labelWidth - 16) / 7));
  const shortLabel = (label: string) => (label.length > fits ? `${label.slice(0, fits - 1)}…` : label);
  return Plot.plot({
    width,
    height: 40 + steps.length * 26,
    marginLeft: labelWidth,
    marginRight: 56,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x: { label: answer.unit, grid: true, nice: true, tickFormat: (v: number) => formatNumber(v, lang) },
    y: { domain: steps.map((s) => s.key), label: null, tickFormat: (key: string) => shortLabel(steps.find((s) => s.key === key)?.label ?? key), tickSize: 0 },
    marks: [
      Plot.barX(
        steps.filter((s) => s.kind !== "gap"),
        { y: "key", x1: "x1", x2: "x2", fill, insetTop: 3, insetBottom: 3, title: (s: WaterfallStep) => `${s.label}: ${text(s)} ${answer.unit}` },
      ),
      // The gap to the target is not data yet: outlined and dashed, in the target's colour.
      Plot.barX(
        steps.filter((s) => s.kind === "gap"),
        {
          y: "key",
          x1: "x1",
          x2: "x2",
          fill: "white",
          stroke: waterfallColours.gap,
          strokeDasharray: "4 3",
          strokeWidth: 1.5,
          insetTop: 3,
          insetBottom: 3,
          title: (s: WaterfallStep) => `${s.label}: ${text(s)} ${answer.unit}`,
        },
      ),
      // The running total a part hands on to the next, as a thin connector.
      Plot.tickX(
        steps.filter((s) => s.kind !== "gap"),
        { x: "x2", y: "key", stroke: "#888", strokeWidth: 1 },
      ),
      Plot.text(steps, {
        y: "key",
        x: (s: WaterfallStep) => Math.max(s.x1, s.x2),
        text,
        textAnchor: "start",
        dx: 4,
        fill: chartColours.ink,
      }),
      Plot.ruleX([base]),
    ],
  });
}
