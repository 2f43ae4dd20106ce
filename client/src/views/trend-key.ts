/**
 * The key to a trend chart's lines that Plot's colour legend doesn't cover: the municipality's line,
 * the path to the target, the target, the forecast band, and which norm lines are law and which advice
 * (each norm is also labelled in the chart itself).
 */
import { css, html, svg, type TemplateResult } from "lit";
import { chartColours } from "../charts/target-marks.ts";
import { t } from "../i18n.ts";
import { renderNormKey } from "./norm-key.ts";

export interface TrendKeyOptions {
  /** The bold line's name, e.g. the municipality's. */
  mainName: string;
  hasTarget: boolean;
  hasForecast: boolean;
  /** The ids of the norms drawn, e.g. "eu-2008", "who-2021"; none when omitted. */
  normIds?: readonly string[];
}

const swatch = (content: ReturnType<typeof svg>) => html`<svg class="swatch" width="28" height="14" viewBox="0 0 28 14" aria-hidden="true">${content}</svg>`;

export function renderTrendKey({ mainName, hasTarget, hasForecast, normIds = [] }: TrendKeyOptions): TemplateResult {
  return html`<ul class="trend-key" data-testid="trend-key">
    <li>${swatch(svg`<line x1="1" y1="7" x2="27" y2="7" stroke=${chartColours.ink} stroke-width="3"></line>`)}${mainName}</li>
    ${
      hasTarget
        ? html`<li>
              ${swatch(svg`<line x1="1" y1="7" x2="27" y2="7" stroke=${chartColours.target} stroke-width="1.5" stroke-dasharray="6 4"></line>`)}${t("indicator.trajectory")}
            </li>
            <li>${swatch(svg`<path d="M14 1 L20 7 L14 13 L8 7 Z" fill=${chartColours.target}></path>`)}${t("chart.target")}</li>`
        : null
    }
    ${
      hasForecast
        ? html`<li>
            ${swatch(svg`<rect x="1" y="2" width="26" height="10" fill=${chartColours.band} fill-opacity="0.28"></rect>
            <line x1="1" y1="7" x2="27" y2="7" stroke=${chartColours.band} stroke-width="2" stroke-dasharray="3 3"></line>`)}${t("indicator.forecastBand")}
          </li>`
        : null
    }
    ${renderNormKey(normIds)}
  </ul>`;
}

export const trendKeyStyles = css`
  ul.trend-key {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 1.1rem;
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
    font-size: 0.85rem;
  }
  ul.trend-key .swatch {
    vertical-align: -0.15em;
    margin-right: 0.35em;
  }
`;
