/**
 * Establishments as a table: name (linking to the dossier), address, buurt, activity with its SBI
 * code, environmental category, whether an inspection is due (level in words and score, where the
 * answer has it) and, when searched near a point, the distance. Used by the search page and the
 * location dossier.
 */
import { html, type TemplateResult } from "lit";
import type { EstablishmentSummary } from "../../../../src/ground/contract/contract-dossier.ts";
import { formatDistance } from "../../dossier-format.ts";
import { lang, t } from "../../i18n.ts";
import { hrefFor } from "../../routes.ts";

export function renderEstablishmentTable(
  items: readonly EstablishmentSummary[],
  { caption, withDistance }: { caption: string; withDistance: boolean },
): TemplateResult {
  const language = lang();
  const withDue = items.some((item) => item.due !== null && item.due !== undefined);
  return html`<div class="table-wrap">
    <table data-testid="establishment-table">
      <caption class="sr-only">
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t("search.colName")}</th>
          <th scope="col">${t("search.colAddress")}</th>
          <th scope="col">${t("search.colBuurt")}</th>
          <th scope="col">${t("search.colActivity")}</th>
          <th scope="col" class="num">${t("search.colCategory")}</th>
          ${withDue ? html`<th scope="col">${t("search.colDue")}</th>` : null}
          ${withDistance ? html`<th scope="col" class="num">${t("search.colDistance")}</th>` : null}
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (item) =>
            html`<tr data-testid="establishment-row" data-id=${item.id}>
              <th scope="row">
                <a href=${hrefFor({ name: "establishment", id: item.id })} data-testid="establishment-link">${item.name}</a>
              </th>
              <td>${item.address}, ${item.postcode}</td>
              <td>${item.buurtName ?? "–"}</td>
              <td>${item.activity} <span class="muted">(SBI ${item.sbiCode})</span></td>
              <td class="num">${item.category}</td>
              ${
                withDue
                  ? html`<td data-testid="due" data-level=${item.due?.level ?? ""} data-score=${item.due?.score ?? ""}>
                      ${item.due ? t("search.dueValue", { level: t(`dossier.dueLevel.${item.due.level}`), score: item.due.score }) : "–"}
                    </td>`
                  : null
              }
              ${
                withDistance
                  ? html`<td class="num" data-testid="distance" data-metres=${item.distanceM ?? ""}>
                      ${item.distanceM === null ? "–" : formatDistance(item.distanceM, language)}
                    </td>`
                  : null
              }
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
