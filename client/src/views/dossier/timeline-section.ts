/** An establishment's permits, inspections and complaints on one time axis, with the same events as a table. */
import { html, type TemplateResult } from "lit";
import type { EstablishmentDossier } from "../../../../src/ground/contract/contract-dossier.ts";
import "../../chart-frame.ts";
import { timelineChart, timelineEvents } from "../../charts/dossier-timeline.ts";
import { formatDate } from "../../dossier-format.ts";
import { lang, t } from "../../i18n.ts";

export function renderTimeline(dossier: EstablishmentDossier): TemplateResult {
  const language = lang();
  const events = timelineEvents(dossier, language);
  if (events.length === 0) return html`<p data-testid="timeline-empty">${t("dossier.timelineEmpty")}</p>`;
  const draw = (width: number) => timelineChart(events, { width, lang: language, asOf: dossier.asOf });
  const oldest = events.at(-1)!;
  return html`<figure data-testid="timeline-chart">
      <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
      <figcaption>
        ${t("dossier.timelineSummary", { count: events.length, from: formatDate(oldest.date, language), asOf: formatDate(dossier.asOf, language) })}
      </figcaption>
    </figure>
    <details class="table-alt" data-print="open">
      <summary>${t("dossier.showTable")}</summary>
      <div class="table-wrap">
        <table data-testid="timeline-table">
          <caption>
            ${t("dossier.timelineTitle")}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t("dossier.date")}</th>
              <th scope="col">${t("dossier.laneCol")}</th>
              <th scope="col">${t("dossier.subject")}</th>
              <th scope="col">${t("dossier.description")}</th>
            </tr>
          </thead>
          <tbody>
            ${events.map(
              (event) =>
                html`<tr data-lane=${event.lane}>
                  <th scope="row">${formatDate(event.date, language)}</th>
                  <td>${t(`dossier.lane.${event.lane}`)}</td>
                  <td>${event.subject}</td>
                  <td>${event.description}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`;
}
