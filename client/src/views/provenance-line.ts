/** The provenance line under every number: where it comes from, which period, how reliable, when run. */
import { html, type TemplateResult } from "lit";
import type { Provenance } from "../../../server/api/contract.ts";
import { formatDateTime } from "../format.ts";
import { lang, t } from "../i18n.ts";

export function renderProvenance(provenance: Provenance): TemplateResult {
  const parts = [
    t("provenance.source", { source: provenance.source }),
    provenance.period ? t("provenance.period", { period: provenance.period }) : null,
    t(`tier.${provenance.qualityTier}`),
    provenance.runFinishedAt
      ? t("provenance.run", { time: formatDateTime(provenance.runFinishedAt, lang()) })
      : t("provenance.notRun"),
    t("provenance.licence", { licence: provenance.licence }),
  ].filter((part): part is string => part !== null);
  return html`<p class="provenance muted" data-testid="provenance" data-quality=${provenance.qualityTier}>
    ${parts.join(" · ")}
  </p>`;
}
