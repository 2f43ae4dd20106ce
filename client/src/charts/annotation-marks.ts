/**
 * Notes on the data on a chart: a vertical rule at a note's day, or a band over its range, with its
 * number at the top (the list under the chart says what each number means). Shared by the yearly trend
 * and the hourly chart; `at` places a day on the chart's x scale.
 */
import { Plot, type PlotTypes } from "./plot.ts";
import type { ProvenanceNote } from "../../../src/ground/contract/contract-annotations.ts";

const NOTE_COLOUR = "#5b3f8c";

interface Placed {
  number: number;
  x1: number | Date;
  x2: number | Date | null;
}

/** Where a day falls on a yearly axis: on its year, as the year's value is drawn (2024-07-02 on 2024). */
export const yearOf = (day: string): number => Number(day.slice(0, 4));

/** The marks of `notes` (numbered 1, 2, … in the order given) whose day lies in `domain`. */
export function annotationMarks<X extends number | Date>(
  notes: readonly ProvenanceNote[],
  at: (day: string, end: boolean) => X,
  domain?: readonly [X, X],
): PlotTypes.Markish[] {
  const inside = (x: X) => !domain || (x >= domain[0] && x <= domain[1]);
  const placed: Placed[] = notes
    .map((note, i) => ({ number: i + 1, x1: at(note.from, false), x2: note.to && note.to !== note.from ? at(note.to, true) : null }))
    .map((p) => (p.x2 !== null && +p.x2 === +p.x1 ? { ...p, x2: null } : p))
    .filter((p) => inside(p.x1 as X) || (p.x2 !== null && inside(p.x2 as X)));
  if (placed.length === 0) return [];
  const bands = placed.filter((p) => p.x2 !== null);
  const clamp = (x: number | Date) => (domain && x > domain[1] ? domain[1] : domain && x < domain[0] ? domain[0] : x);
  return [
    Plot.rectX(bands, { x1: (p: Placed) => clamp(p.x1), x2: (p: Placed) => clamp(p.x2!), fill: NOTE_COLOUR, fillOpacity: 0.12, className: "mm-note-band" }),
    Plot.ruleX(placed, { x: (p: Placed) => clamp(p.x1), stroke: NOTE_COLOUR, strokeWidth: 1.5, strokeDasharray: "4,3", className: "mm-note-rule" }),
    Plot.text(placed, {
      x: (p: Placed) => clamp(p.x1),
      text: (p: Placed) => String(p.number),
      frameAnchor: "top",
      dy: 2,
      dx: 6,
      fill: NOTE_COLOUR,
      fontWeight: 700,
      className: "mm-note-number",
    }),
  ];
}
