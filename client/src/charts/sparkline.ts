/**
 * A word-sized line of an indicator's recent values, as inline SVG: nineteen of these on one page
 * would be nineteen Plot charts for what is a few dozen points. Gaps (no value, or suppressed) break
 * the line. The caller gives the text the image stands for.
 */
import { html, svg, type TemplateResult } from "lit";

export interface SparklineOptions {
  label: string;
  width?: number;
  height?: number;
}

/** Path data for the runs of known values, each run its own sub-path so gaps stay gaps. */
function pathData(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = "";
  let drawing = false;
  values.forEach((value, i) => {
    if (value === null) {
      drawing = false;
      return;
    }
    d += `${drawing ? "L" : "M"}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
    drawing = true;
  });
  return d;
}

export function sparkline(values: readonly (number | null)[], { label, width = 96, height = 28 }: SparklineOptions): TemplateResult {
  const known = values.filter((value): value is number => value !== null);
  const pad = 3;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const x = (i: number) => pad + (values.length > 1 ? (i * (width - 2 * pad)) / (values.length - 1) : (width - 2 * pad) / 2);
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / (max - min));
  const lastIndex = values.findLastIndex((value) => value !== null);
  const last = values[lastIndex];
  // The outer element comes from `html`: Lit's `svg` tag is for the children of an <svg>.
  return html`<svg class="sparkline" role="img" aria-label=${label} width=${width} height=${height} viewBox="0 0 ${width} ${height}" data-testid="sparkline">
    ${
      known.length > 0
        ? svg`<path d=${pathData(values, x, y)} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"></path>`
        : null
    }
    ${last !== undefined && last !== null ? svg`<circle cx=${x(lastIndex)} cy=${y(last)} r="2.5" fill="currentColor"></circle>` : null}
  </svg>`;
}
