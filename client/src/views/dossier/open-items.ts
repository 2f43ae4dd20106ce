/**
 * What in a dossier needs action, shown first and as a list, each item with its kind in words; and
 * "Controle nodig?": the inspection-due signal with every reason and its points.
 */
import { html, type TemplateResult } from "lit";
import type { InspectionDue, OpenItem } from "../../../../src/ground/contract/contract-dossier.ts";
import { formatDate } from "../../dossier-format.ts";
import { lang, pick, t } from "../../i18n.ts";

export function renderOpenItems(items: readonly OpenItem[]): TemplateResult {
  const language = lang();
  return html`<section class="open-items" aria-labelledby="open-items-title" data-testid="open-items" data-count=${items.length}>
    <h2 id="open-items-title">${items.length === 0 ? t("dossier.openNone") : t("dossier.openTitle", { count: items.length })}</h2>
    ${
      items.length === 0
        ? null
        : html`<ul>
            ${items.map(
              (item) =>
                html`<li data-testid="open-item" data-kind=${item.kind}>
                  <strong><span aria-hidden="true">! </span>${t(`dossier.openKind.${item.kind}`)}</strong>
                  (${item.subject}, ${formatDate(item.date, language)}): ${pick(item.message, language)}
                </li>`,
            )}
          </ul>`
    }
  </section>`;
}

/** The inspection-due block: level and score, the intended interval, and each reason with its points. */
export function renderInspectionDue(due: InspectionDue, category: number): TemplateResult {
  const language = lang();
  const level = t(`dossier.dueLevel.${due.level}`);
  return html`<section class="panel due" aria-labelledby="due-title" data-testid="inspection-due" data-level=${due.level} data-score=${due.score}>
    <h2 id="due-title">${t("dossier.dueTitle")}</h2>
    <p>
      <strong data-testid="due-score">${t("dossier.dueScore", { score: due.score, level })}</strong>.
      ${t("dossier.dueInterval", {
        category,
        years: due.intervalYears,
        last: due.lastInspectedOn ? formatDate(due.lastInspectedOn, language) : t("dossier.dueNever"),
      })}
    </p>
    ${
      due.reasons.length === 0
        ? html`<p>${t("dossier.dueNone")}</p>`
        : html`<ul>
            ${due.reasons.map(
              (reason) =>
                html`<li data-testid="due-reason" data-code=${reason.code}>
                  ${pick(reason.message, language)} <span class="muted">(${t("dossier.duePoints", { points: reason.points })})</span>
                </li>`,
            )}
          </ul>`
    }
    <p class="muted no-print">${t("dossier.dueExplain")}</p>
  </section>`;
}
