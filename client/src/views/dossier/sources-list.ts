/** Where a dossier's data comes from: each source with its licence and the pipeline run shown. */
import { html, type TemplateResult } from "lit";
import type { EstablishmentDossier } from "../../../../src/ground/contract/contract-dossier.ts";
import { t } from "../../i18n.ts";

export function renderSources(sources: EstablishmentDossier["sources"]): TemplateResult {
  return html`<ul data-testid="sources">
    ${sources.map(
      (source) =>
        html`<li>${source.source} — ${t("dossier.sourceLine", { licence: source.licence, pipeline: source.pipeline, run: source.runId ?? "–" })}</li>`,
    )}
  </ul>`;
}
