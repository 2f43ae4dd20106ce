/**
 * `<mm-audit-log>`: the admin's view of who saw which dossier when (the API's `/audit`), newest first
 * and paged; each subject links to the dossier or location it names.
 */
import { Task, TaskStatus } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import type { AuditEntry, AuditList } from "../../../../src/ground/contract/contract-dossier.ts";
import { api } from "../../api-client.ts";
import { AUDIT_PAGE_SIZE, parseNear } from "../../dossier-routes.ts";
import { formatDateTime, formatNumber } from "../../format.ts";
import { LangController, lang, t } from "../../i18n.ts";
import { hrefFor, replaceRoute } from "../../routes.ts";
import { baseStyles } from "../../styles.ts";
import { renderFailure, renderLoading } from "../failure-message.ts";
import { pagerStyles } from "./dossier-styles.ts";

/** Dossier views link to the dossier they name; logins and refusals name a user or a path, shown as text. */
function renderSubject(entry: AuditEntry) {
  if (entry.action === "view-location") {
    const point = parseNear(entry.subject);
    return point ? html`<a href=${hrefFor({ name: "location", ...point })}>${entry.subject}</a>` : entry.subject;
  }
  if (entry.action === "view-establishment" || entry.action === "export-establishment") {
    return html`<a href=${hrefFor({ name: "establishment", id: entry.subject })} data-testid="audit-subject">${entry.subject}</a>`;
  }
  return entry.subject;
}

export class AuditLogView extends LitElement {
  static override properties = { page: { attribute: false }, userRole: {} };
  declare page: number;
  declare userRole: Role;

  static override styles = [baseStyles, pagerStyles, css``];

  #entries = new Task(this, {
    args: () => [this.page] as const,
    task: async ([page], { signal }) => ({
      page,
      list: await api.get("GET /api/v1/audit", { query: { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE }, signal }),
    }),
  });

  constructor() {
    super();
    new LangController(this);
    this.page = 1;
    this.userRole = "admin";
  }

  protected override render() {
    return html`<h1>${t("audit.title")}</h1>
      <p>${t("audit.intro")}</p>
      ${this.#renderState()}`;
  }

  /** The previous page stays (marked busy) while the next loads, so the pager keeps the keyboard focus. */
  #renderState() {
    const entries = this.#entries;
    if (entries.status === TaskStatus.ERROR) return renderFailure(entries.error, this.userRole, () => void entries.run());
    if (!entries.value) return renderLoading();
    const busy = entries.status === TaskStatus.PENDING;
    return html`${busy ? renderLoading() : null}
      <div aria-busy=${busy ? "true" : "false"}>${this.#renderList(entries.value.list, entries.value.page)}</div>`;
  }

  #renderList(list: AuditList, page: number) {
    if (list.entries.length === 0) return html`<p class="panel" data-testid="audit-empty">${t("audit.empty")}</p>`;
    const language = lang();
    const pages = Math.max(1, Math.ceil(list.total / AUDIT_PAGE_SIZE));
    const first = (page - 1) * AUDIT_PAGE_SIZE + 1;
    return html`<div class="panel table-wrap">
        <table data-testid="audit-table">
          <caption class="sr-only">
            ${t("audit.title")}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t("audit.at")}</th>
              <th scope="col">${t("audit.user")}</th>
              <th scope="col">${t("audit.role")}</th>
              <th scope="col">${t("audit.action")}</th>
              <th scope="col">${t("audit.subject")}</th>
            </tr>
          </thead>
          <tbody>
            ${list.entries.map(
              (entry) =>
                html`<tr data-testid="audit-row" data-action=${entry.action} data-user=${entry.username} data-subject=${entry.subject}>
                  <th scope="row">${formatDateTime(entry.at, language)}</th>
                  <td>${entry.username}</td>
                  <td>${entry.role === "" ? t("audit.noRole") : t(`role.${entry.role}`)}</td>
                  <td>${t(`audit.action.${entry.action}`)}</td>
                  <td>${renderSubject(entry)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label=${t("search.pager")}>
        <button type="button" data-testid="page-previous" ?disabled=${page <= 1} @click=${() => this.#goTo(page - 1)}>${t("search.previous")}</button>
        <p data-testid="page-status">
          ${t("search.pageStatus", {
            first: formatNumber(first, language, { digits: 0 }),
            last: formatNumber(first + list.entries.length - 1, language, { digits: 0 }),
            total: formatNumber(list.total, language, { digits: 0 }),
            page,
            pages,
          })}
        </p>
        <button type="button" data-testid="page-next" ?disabled=${page >= pages} @click=${() => this.#goTo(page + 1)}>${t("search.next")}</button>
      </nav>`;
  }

  #goTo(page: number) {
    replaceRoute(this, { name: "audit", page });
  }
}

customElements.define("mm-audit-log", AuditLogView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-audit-log": AuditLogView;
  }
}
