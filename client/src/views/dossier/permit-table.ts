/** An establishment's permits and notifications with status, dates and conditions. */
import { html, type TemplateResult } from "lit";
import type { Permit } from "../../../../src/ground/contract/contract-dossier.ts";
import { formatDate } from "../../dossier-format.ts";
import { formatNumber } from "../../format.ts";
import { lang, t } from "../../i18n.ts";

export function renderPermits(permits: readonly Permit[]): TemplateResult {
  const language = lang();
  const date = (value: string | null) => (value === null ? "–" : formatDate(value, language));
  if (permits.length === 0) return html`<p data-testid="permits-empty">${t("dossier.permitsEmpty")}</p>`;
  return html`<div class="table-wrap">
    <table data-testid="permit-table">
      <caption class="sr-only">
        ${t("dossier.permitsTitle")}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t("dossier.permit")}</th>
          <th scope="col">${t("dossier.permitTypeCol")}</th>
          <th scope="col">${t("dossier.status")}</th>
          <th scope="col">${t("dossier.appliedOn")}</th>
          <th scope="col">${t("dossier.decidedOn")}</th>
          <th scope="col">${t("dossier.validUntil")}</th>
          <th scope="col" class="num">${t("dossier.noiseLimit")}</th>
          <th scope="col" class="num">${t("dossier.dustLimit")}</th>
        </tr>
      </thead>
      <tbody>
        ${permits.map(
          (permit) =>
            html`<tr data-testid="permit-row" data-status=${permit.status}>
              <th scope="row">${permit.id}</th>
              <td>${t(`dossier.permitType.${permit.type}`)}</td>
              <td>${t(`dossier.permitStatus.${permit.status}`)}</td>
              <td>${date(permit.appliedOn)}</td>
              <td>${date(permit.decidedOn)}</td>
              <td>${permit.validUntil === null ? t("dossier.indefinite") : date(permit.validUntil)}</td>
              <td class="num">${permit.noiseLimitDba === null ? "–" : `${formatNumber(permit.noiseLimitDba, language)} dB(A)`}</td>
              <td class="num">${permit.dustLimitMgM3 === null ? "–" : `${formatNumber(permit.dustLimitMgM3, language)} mg/m³`}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
