/**
 * Complaints about an establishment: per year by kind as a chart with its table, and every complaint
 * with its date, kind, status, handling deadline and place (buurt, nearest address); never who made
 * it. Apart from them, the complaints nearby that are linked to no establishment or another one.
 */
import { html, type TemplateResult } from "lit";
import type { Complaint, EstablishmentDossier, NearbyComplaint } from "../../../../src/ground/contract/contract-dossier.ts";
import "../../chart-frame.ts";
import { complaintKinds, complaintsChart, complaintYears } from "../../charts/complaints-by-year.ts";
import { formatDate, formatDistance } from "../../dossier-format.ts";
import { lang, t } from "../../i18n.ts";

type ByYear = EstablishmentDossier["complaintsByYear"];

function renderYearTable(rows: ByYear): TemplateResult {
  const kinds = complaintKinds.filter((kind) => rows.some((row) => row.kind === kind));
  const count = (year: number, kind: Complaint["kind"]) => rows.find((row) => row.year === year && row.kind === kind)?.count ?? 0;
  return html`<div class="table-wrap">
    <table data-testid="complaints-year-table">
      <caption>
        ${t("dossier.complaintsByYear")}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t("dossier.year")}</th>
          ${kinds.map((kind) => html`<th scope="col" class="num">${t(`dossier.complaintKind.${kind}`)}</th>`)}
          <th scope="col" class="num">${t("dossier.total")}</th>
        </tr>
      </thead>
      <tbody>
        ${complaintYears(rows).map(
          (year) =>
            html`<tr>
              <th scope="row">${year}</th>
              ${kinds.map((kind) => html`<td class="num">${count(year, kind)}</td>`)}
              <td class="num">${kinds.reduce((sum, kind) => sum + count(year, kind), 0)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function renderComplaintList(complaints: readonly Complaint[]): TemplateResult {
  const language = lang();
  const sorted = [...complaints].sort((a, b) => b.receivedOn.localeCompare(a.receivedOn));
  return html`<div class="table-wrap">
    <table data-testid="complaint-table">
      <caption>
        ${t("dossier.complaintList", { count: complaints.length })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t("dossier.complaint")}</th>
          <th scope="col">${t("dossier.receivedOn")}</th>
          <th scope="col">${t("dossier.complaintKindCol")}</th>
          <th scope="col">${t("dossier.status")}</th>
          <th scope="col">${t("dossier.handleBy")}</th>
          <th scope="col">${t("dossier.complaintPlace")}</th>
        </tr>
      </thead>
      <tbody>
        ${sorted.map(
          (complaint) =>
            html`<tr data-testid="complaint-row" data-status=${complaint.status}>
              <th scope="row">${complaint.id}</th>
              <td>${formatDate(complaint.receivedOn, language)}</td>
              <td>${t(`dossier.complaintKind.${complaint.kind}`)}</td>
              <td>${t(`dossier.complaintStatus.${complaint.status}`)}</td>
              <td>${formatDate(complaint.handleBy, language)}</td>
              <td>${[complaint.nearestAddress, complaint.buurtName].filter(Boolean).join("; ") || "–"}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Complaints within `radiusM` not linked to this establishment, nearest first. */
export function renderNearbyComplaints(complaints: readonly NearbyComplaint[], radiusM: number): TemplateResult {
  const language = lang();
  if (complaints.length === 0) return html`<p data-testid="nearby-complaints-empty">${t("dossier.nearbyComplaintsEmpty", { radius: radiusM })}</p>`;
  return html`<p class="muted">${t("dossier.nearbyComplaintsIntro", { radius: radiusM })}</p>
    <div class="table-wrap">
      <table data-testid="nearby-complaint-table">
        <caption class="sr-only">
          ${t("dossier.nearbyComplaintsTitle", { count: complaints.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("dossier.complaint")}</th>
            <th scope="col">${t("dossier.receivedOn")}</th>
            <th scope="col">${t("dossier.complaintKindCol")}</th>
            <th scope="col">${t("dossier.status")}</th>
            <th scope="col" class="num">${t("dossier.distance")}</th>
            <th scope="col">${t("dossier.linkedTo")}</th>
          </tr>
        </thead>
        <tbody>
          ${complaints.map(
            (c) =>
              html`<tr data-testid="nearby-complaint-row">
                <th scope="row">${c.id}</th>
                <td>${formatDate(c.receivedOn, language)}</td>
                <td>${t(`dossier.complaintKind.${c.kind}`)}</td>
                <td>${t(`dossier.complaintStatus.${c.status}`)}</td>
                <td class="num">${formatDistance(c.distanceM, language)}</td>
                <td>${c.establishmentId ?? html`<span class="muted">${t("dossier.notLinked")}</span>`}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export function renderComplaints(dossier: EstablishmentDossier): TemplateResult {
  const { complaints, complaintsByYear } = dossier;
  if (complaints.length === 0) return html`<p data-testid="complaints-empty">${t("dossier.complaintsEmpty")}</p>`;
  const language = lang();
  const draw = (width: number) => complaintsChart(complaintsByYear, { width, lang: language });
  const years = complaintYears(complaintsByYear);
  return html`<figure data-testid="complaints-chart">
      <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
      <figcaption>${t("dossier.complaintsSummary", { count: complaints.length, from: years[0] ?? "", to: years.at(-1) ?? "" })}</figcaption>
    </figure>
    <details class="table-alt" data-print="open">
      <summary>${t("dossier.showTable")}</summary>
      ${renderYearTable(complaintsByYear)}
    </details>
    ${renderComplaintList(complaints)}`;
}
