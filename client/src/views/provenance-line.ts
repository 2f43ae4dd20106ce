/** The provenance line under every number: where it comes from, which period, how reliable, when run, how fresh. */
import { html, type TemplateResult } from "lit";
import type { Provenance } from "../../../src/ground/contract/contract.ts";
import { formatDateTime } from "../format.ts";
import { lang, t } from "../i18n.ts";
import { renderFreshness } from "./freshness-label.ts";

export function renderProvenance(provenance: Provenance): TemplateResult {
  const parts = [
    t("provenance.source", { source: provenance.source }),
    provenance.period ? t("provenance.period", { period: provenance.period }) : null,
    t(`tier.${provenance.qualityTier}`),
    // Measured data the source has not validated yet: which periods rest on it.
    provenance.provisionalPeriods.length ? t("provenance.provisionalPeriods", { periods: provenance.provisionalPeriods.join(", ") }) : null,
    runText(provenance),
    t("provenance.licence", { licence: provenance.licence }),
  ].filter((part): part is string => part !== null);
  return html`<p class="provenance muted" data-testid="provenance" data-quality=${provenance.qualityTier}>
    ${parts.join(" · ")} · ${renderFreshness(provenance.freshness)}
  </p>`;
}

function runText({ runId, runFinishedAt }: Provenance): string {
  if (runFinishedAt === null) return t("provenance.notRun");
  const time = formatDateTime(runFinishedAt, lang());
  return runId === null ? t("provenance.run", { time }) : t("indicator.provenance.runLine", { runId, time });
}
