/** What in a dossier needs action, shown first and as a list, each item with its kind in words. */
import { html, type TemplateResult } from "lit";
import type { OpenItem } from "../../../../src/ground/contract/contract-dossier.ts";
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
