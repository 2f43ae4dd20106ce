/**
 * The provenance under a chart, as a label–value list: source, licence, the pipeline run whose data it
 * shows, period, quality tier, freshness and the notes on the data — everything needed to cite the figure.
 */
import { html, type TemplateResult } from "lit";
import type { Provenance } from "../../../src/ground/contract/contract.ts";
import { formatDateTime } from "../format.ts";
import { lang, t } from "../i18n.ts";
import { renderAnnotationList } from "./annotation-list.ts";
import { renderFreshness } from "./freshness-label.ts";

function runValue(pipeline: string, runId: number | null, finishedAt: string | null): string {
  if (runId === null || finishedAt === null) return `${pipeline}, ${t("provenance.notRun")}`;
  return t("indicator.provenance.runValue", { pipeline, runId, time: formatDateTime(finishedAt, lang()) });
}

export function renderProvenanceBlock(provenance: Provenance): TemplateResult {
  const others = provenance.inputs.filter((input) => input.pipeline !== provenance.pipeline);
  return html`<div class="provenance-block" data-testid="provenance-block" data-quality=${provenance.qualityTier}>
    <h3>${t("indicator.provenance.title")}</h3>
    <dl>
      <dt>${t("indicator.provenance.source")}</dt>
      <dd data-testid="provenance-source">${provenance.source}</dd>
      <dt>${t("indicator.provenance.licence")}</dt>
      <dd>${provenance.licence}</dd>
      <dt>${t("indicator.provenance.run")}</dt>
      <dd data-testid="provenance-run">${runValue(provenance.pipeline, provenance.runId, provenance.runFinishedAt)}</dd>
      ${
        others.length > 0
          ? html`<dt>${t("indicator.provenance.inputs")}</dt>
              <dd>${others.map((input) => runValue(input.pipeline, input.runId, input.runFinishedAt)).join("; ")}</dd>`
          : null
      }
      <dt>${t("indicator.provenance.period")}</dt>
      <dd>${provenance.period ?? "–"}</dd>
      <dt>${t("indicator.provenance.quality")}</dt>
      <dd>${t(`tier.${provenance.qualityTier}`)}</dd>
      <dt>${t("indicator.provenance.freshness")}</dt>
      <dd>${renderFreshness(provenance.freshness)}</dd>
      ${
        provenance.annotations && provenance.annotations.length > 0
          ? html`<dt>${t("notes.title")}</dt>
              <dd data-testid="provenance-notes">${renderAnnotationList(provenance.annotations)}</dd>`
          : null
      }
    </dl>
  </div>`;
}
