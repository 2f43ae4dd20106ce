/**
 * The key items for the norms in a chart: one item for the EU limit values (law) and one for the WHO
 * guideline (advice), each with the same line the chart draws (charts/norm-style.ts). `<li>`s, to go
 * in a chart's own key list.
 */
import { html, svg, type TemplateResult } from "lit";
import { normKeyEntries, type NormStyle } from "../charts/norm-style.ts";
import { t } from "../i18n.ts";

const line = (style: NormStyle) =>
  svg`<line x1="1" y1="7" x2="27" y2="7" stroke=${style.stroke} stroke-width=${style.width} stroke-dasharray=${style.dash}></line>`;
const swatch = (style: NormStyle) => html`<svg class="swatch" width="28" height="14" viewBox="0 0 28 14" aria-hidden="true">${line(style)}</svg>`;

export function renderNormKey(normIds: readonly string[]): TemplateResult[] {
  return normKeyEntries(normIds).map(
    ({ kind, swatches }) =>
      html`<li data-testid="norm-key" data-norm-kind=${kind}>${swatches.map(swatch)}${t(kind === "limit" ? "chart.normLimit" : "chart.normGuideline")}</li>`,
  );
}
