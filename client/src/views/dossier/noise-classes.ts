/**
 * The modelled road-traffic noise map of a buurt: the share of homes per Lden class. Beside it, as
 * context only, the noise limits in the establishment's permits: a limit at the façade in dB(A) is
 * a different measure from a buurt's Lden, so the two are shown next to each other, never compared.
 */
import { html, type TemplateResult } from "lit";
import type { NoiseAtLocation, Permit } from "../../../../src/ground/contract/contract-dossier.ts";
import { formatPercent } from "../../dossier-format.ts";
import { formatNumber } from "../../format.ts";
import { lang, t } from "../../i18n.ts";

/** "le55" → "≤ 55 dB", "55_60" → "55–60 dB", "gt70" → "> 70 dB"; anything else as given. */
export function noiseClassLabel(code: string): string {
  const below = /^le(\d+)$/.exec(code);
  if (below) return `≤ ${below[1]} dB`;
  const band = /^(\d+)_(\d+)$/.exec(code);
  if (band) return `${band[1]}–${band[2]} dB`;
  const above = /^gt(\d+)$/.exec(code);
  return above ? `> ${above[1]} dB` : code;
}

export interface NoiseLimit {
  permit: string;
  status: Permit["status"];
  limit: number;
}

export function renderNoise(noise: NoiseAtLocation | null, noiseLimits: readonly NoiseLimit[] = []): TemplateResult {
  const language = lang();
  const limits =
    noiseLimits.length === 0
      ? null
      : html`<p data-testid="noise-limit">
          ${t("dossier.noiseLimitContext", { limits: noiseLimits.map((l) => `${formatNumber(l.limit, language)} dB(A) (${l.permit}, ${t(`dossier.permitStatus.${l.status}`)})`).join("; ") })}
        </p>`;
  if (!noise)
    return html`<p data-testid="noise-empty">${t("dossier.noiseEmpty")}</p>
      ${limits}`;
  return html`<p>
      ${t("dossier.noiseIntro", { year: noise.year, typical: noiseClassLabel(noise.typicalClass) })}
      <span data-testid="noise-tier">(${t(`tier.${noise.qualityTier}`)}; ${t("dossier.sourceValue", { source: noise.source })})</span>
    </p>
    <div class="table-wrap narrow">
      <table data-testid="noise-table">
        <caption class="sr-only">
          ${t("dossier.noiseCaption", { buurt: noise.buurtCode, year: noise.year })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("dossier.noiseClass")}</th>
            <th scope="col" class="num">${t("dossier.noiseShare")}</th>
          </tr>
        </thead>
        <tbody>
          ${noise.classes.map(
            (c) =>
              html`<tr data-typical=${c.class === noise.typicalClass ? "true" : "false"}>
                <th scope="row">
                  ${noiseClassLabel(c.class)}${c.class === noise.typicalClass ? html` <strong>(${t("dossier.noiseTypical")})</strong>` : null}
                </th>
                <td class="num">${formatPercent(c.share, language)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${limits}`;
}
