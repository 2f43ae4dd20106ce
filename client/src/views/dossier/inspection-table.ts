/**
 * An establishment's inspections: result in words with a symbol, the number of violations, and for
 * a violation whether and when it was re-inspected.
 */
import { html, type TemplateResult } from "lit";
import type { Inspection } from "../../../../src/ground/contract/contract-dossier.ts";
import { formatDate } from "../../dossier-format.ts";
import { lang, t } from "../../i18n.ts";

const resultSymbol: Record<Inspection["result"], string> = { compliant: "✓", violation: "▲", serious_violation: "▲▲" };

function renderFollowUp(inspection: Inspection) {
  if (inspection.result === "compliant") return html`<span class="muted">${t("dossier.notApplicable")}</span>`;
  if (inspection.followUpOn) return t("dossier.followUpOn", { date: formatDate(inspection.followUpOn, lang()) });
  return html`<strong data-testid="no-follow-up">${t("dossier.noFollowUp")}</strong>`;
}

export function renderInspections(inspections: readonly Inspection[]): TemplateResult {
  const language = lang();
  if (inspections.length === 0) return html`<p data-testid="inspections-empty">${t("dossier.inspectionsEmpty")}</p>`;
  return html`<div class="table-wrap">
    <table data-testid="inspection-table">
      <caption class="sr-only">
        ${t("dossier.inspectionsTitle")}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t("dossier.inspection")}</th>
          <th scope="col">${t("dossier.inspectedOn")}</th>
          <th scope="col">${t("dossier.resultCol")}</th>
          <th scope="col" class="num">${t("dossier.violations")}</th>
          <th scope="col">${t("dossier.followUp")}</th>
        </tr>
      </thead>
      <tbody>
        ${inspections.map(
          (inspection) =>
            html`<tr data-testid="inspection-row" data-result=${inspection.result}>
              <th scope="row">${inspection.id}</th>
              <td>${formatDate(inspection.inspectedOn, language)}</td>
              <td><span aria-hidden="true">${resultSymbol[inspection.result]}</span> ${t(`dossier.result.${inspection.result}`)}</td>
              <td class="num">${inspection.violations}</td>
              <td>${renderFollowUp(inspection)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
