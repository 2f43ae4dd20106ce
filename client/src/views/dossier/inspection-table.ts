/**
 * An establishment's inspections: result in words with a symbol, the number of violations, for a
 * violation whether and when it was re-inspected, and below each inspection with findings a nested
 * table of them: the rule broken, what was found, its severity, the sanction with its deadline and
 * the re-inspection's outcome. `renderLastInspection` is the print sheet's short version.
 */
import { html, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import type { Finding, Inspection } from "../../../../src/ground/contract/contract-dossier.ts";
import { formatDate } from "../../dossier-format.ts";
import { lang, t } from "../../i18n.ts";

const resultSymbol: Record<Inspection["result"], string> = { compliant: "✓", violation: "▲", serious_violation: "▲▲" };

/** `testId` marks a missing follow-up in the inspection table (the print sheet repeats the last one unmarked). */
function renderFollowUp(inspection: Inspection, testId: string | null = "no-follow-up") {
  if (inspection.result === "compliant") return html`<span class="muted">${t("dossier.notApplicable")}</span>`;
  if (inspection.followUpOn) return t("dossier.followUpOn", { date: formatDate(inspection.followUpOn, lang()) });
  return html`<strong data-testid=${ifDefined(testId ?? undefined)}>${t("dossier.noFollowUp")}</strong>`;
}

function renderReinspection(finding: Finding) {
  if (finding.reinspectedOn === null) return html`<strong>${t("dossier.notReinspected")}</strong>`;
  const result = finding.reinspectionResult ? t(`dossier.reinspectionResult.${finding.reinspectionResult}`) : "–";
  return t("dossier.reinspectedOn", { date: formatDate(finding.reinspectedOn, lang()), result });
}

/** The findings of one inspection as a table of their own. */
export function renderFindings(inspection: Inspection): TemplateResult {
  const language = lang();
  return html`<table class="findings" data-testid="findings" data-inspection=${inspection.id}>
    <caption>
      ${t("dossier.findingsOf", { id: inspection.id, count: inspection.findings.length })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t("dossier.findingRule")}</th>
        <th scope="col">${t("dossier.findingDescription")}</th>
        <th scope="col">${t("dossier.findingSeverity")}</th>
        <th scope="col">${t("dossier.sanction")}</th>
        <th scope="col">${t("dossier.sanctionDeadline")}</th>
        <th scope="col">${t("dossier.reinspection")}</th>
      </tr>
    </thead>
    <tbody>
      ${inspection.findings.map(
        (finding) =>
          html`<tr data-testid="finding-row" data-id=${finding.id} data-sanction=${finding.sanction}>
            <th scope="row">${finding.rule}</th>
            <td>${finding.description}</td>
            <td>${t(`dossier.findingSeverity.${finding.severity}`)}</td>
            <td>${t(`dossier.sanction.${finding.sanction}`)}</td>
            <td>${finding.sanctionDeadline ? formatDate(finding.sanctionDeadline, language) : t("dossier.noDeadline")}</td>
            <td>${renderReinspection(finding)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
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
              </tr>
              ${
                inspection.findings.length === 0
                  ? null
                  : html`<tr class="findings-row">
                      <td colspan="5">${renderFindings(inspection)}</td>
                    </tr>`
              }`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The last inspection with its findings: for the site-visit sheet. */
export function renderLastInspection(inspections: readonly Inspection[]): TemplateResult {
  const last = inspections.toSorted((a, b) => b.inspectedOn.localeCompare(a.inspectedOn))[0];
  if (!last) return html`<p data-testid="last-inspection">${t("dossier.lastInspectionNone")}</p>`;
  return html`<div data-testid="last-inspection">
    <p>
      <strong>${last.id}</strong>, ${formatDate(last.inspectedOn, lang())}: <span aria-hidden="true">${resultSymbol[last.result]}</span>
      ${t(`dossier.result.${last.result}`)}; ${renderFollowUp(last, null)}
    </p>
    ${last.findings.length > 0 ? renderFindings(last) : null}
  </div>`;
}
