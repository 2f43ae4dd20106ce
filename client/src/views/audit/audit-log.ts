/**
 * `<mm-audit-log>`: the admin's audit log (the API's `/audit`): a filter whose state is the URL (so a
 * filtered view is a link), the matching entries newest first and paged, and the CSV export of the
 * same filter. Dossier views link to the dossier they name.
 */
import { Task, TaskStatus } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import type { AuditEntry, AuditList } from "../../../../src/ground/contract/contract-dossier.ts";
import { api } from "../../api-client.ts";
import { AUDIT_PAGE_SIZE, auditFilterQuery, auditPageQuery, type AuditState } from "../../audit-state.ts";
import { parseNear } from "../../dossier-routes.ts";
import { formatDateTime, formatNumber } from "../../format.ts";
import { LangController, lang, t } from "../../i18n.ts";
import { hrefFor, replaceRoute } from "../../routes.ts";
import { baseStyles } from "../../styles.ts";
import { renderFailure, renderLoading } from "../failure-message.ts";
import { pagerStyles } from "../dossier/dossier-styles.ts";
import { actionWords } from "./action-words.ts";
import "./audit-filter-form.ts";
import type { AuditFilterEvent } from "./audit-filter-form.ts";

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

const isFiltered = (state: AuditState) => Object.values(auditFilterQuery(state)).some((value) => value !== undefined);

export class AuditLogView extends LitElement {
  static override properties = { state: { attribute: false }, userRole: {} };
  declare state: AuditState;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    pagerStyles,
    css`
      .filter {
        margin-bottom: 1rem;
      }
      .export {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        align-items: baseline;
        margin: 0 0 0.75rem;
      }
      .export p {
        margin: 0;
      }
      td.subject {
        overflow-wrap: anywhere;
      }
    `,
  ];

  #entries = new Task(this, {
    args: () => [this.state] as const,
    task: async ([state], { signal }) => ({ state, list: await api.get("GET /api/v1/audit", { query: auditPageQuery(state), signal }) }),
  });

  constructor() {
    super();
    new LangController(this);
    this.state = {};
    this.userRole = "admin";
  }

  protected override render() {
    return html`<h1>${t("audit.title")}</h1>
      <p>${t("audit.introFiltered")}</p>
      <section class="panel filter" aria-labelledby="filter-title">
        <h2 id="filter-title" class="sr-only">${t("audit.filterLabel")}</h2>
        <mm-audit-filter-form .state=${this.state} @mm-audit-filter=${this.#onFilter}></mm-audit-filter-form>
      </section>
      ${this.#renderState()}`;
  }

  /** The previous page stays (marked busy) while the next loads, so the pager keeps the keyboard focus. */
  #renderState() {
    const entries = this.#entries;
    if (entries.status === TaskStatus.ERROR) return renderFailure(entries.error, this.userRole, () => void entries.run());
    if (!entries.value) return renderLoading();
    const busy = entries.status === TaskStatus.PENDING;
    return html`${busy ? renderLoading() : null}
      <div aria-busy=${busy ? "true" : "false"} data-testid="audit-results">${this.#renderList(entries.value.list, entries.value.state)}</div>`;
  }

  #renderList(list: AuditList, state: AuditState) {
    if (list.entries.length === 0) {
      return html`<p class="panel" data-testid="audit-empty">${isFiltered(state) ? t("audit.emptyFiltered") : t("audit.empty")}</p>`;
    }
    const language = lang();
    const page = state.page ?? 1;
    const pages = Math.max(1, Math.ceil(list.total / AUDIT_PAGE_SIZE));
    const first = (page - 1) * AUDIT_PAGE_SIZE + 1;
    const number = (n: number) => formatNumber(n, language, { digits: 0 });
    const exportHref = api.url("GET /api/v1/audit", { query: { ...auditFilterQuery(state), format: "csv", lang: language } });
    return html`<div class="export">
        <a href=${exportHref} download="auditlog.csv" data-testid="audit-export">${t("audit.export")}</a>
        <p class="muted">${t("audit.exportHint", { total: number(list.total) })}</p>
      </div>
      <div class="panel table-wrap">
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
                html`<tr data-testid="audit-row" data-action=${entry.action} data-user=${entry.username} data-subject=${entry.subject} data-at=${entry.at}>
                  <th scope="row"><time datetime=${entry.at}>${formatDateTime(entry.at, language)}</time></th>
                  <td>${entry.username}</td>
                  <td>${entry.role === "" ? t("audit.noRole") : t(`role.${entry.role}`)}</td>
                  <td>${actionWords(entry.action)}</td>
                  <td class="subject">${renderSubject(entry)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label=${t("audit.pager")}>
        <button type="button" data-testid="page-previous" ?disabled=${page <= 1} @click=${() => this.#goTo(page - 1)}>${t("search.previous")}</button>
        <p data-testid="page-status" aria-live="polite">
          ${t("audit.pageStatus", { first: number(first), last: number(first + list.entries.length - 1), total: number(list.total) })}
        </p>
        <button type="button" data-testid="page-next" ?disabled=${page >= pages} @click=${() => this.#goTo(page + 1)}>${t("search.next")}</button>
      </nav>`;
  }

  #onFilter(event: AuditFilterEvent) {
    replaceRoute(this, { name: "audit", ...event.detail });
  }

  #goTo(page: number) {
    replaceRoute(this, { name: "audit", ...this.state, page });
  }
}

customElements.define("mm-audit-log", AuditLogView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-audit-log": AuditLogView;
  }
}
