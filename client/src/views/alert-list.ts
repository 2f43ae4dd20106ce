/**
 * `<mm-alert-list>`: the alerts this role may see, open ones first (newest first), then recently
 * resolved ones, each linking to its indicator, station or pipeline page.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Alert } from "../../../src/ground/contract/contract-alerts.ts";
import type { Role } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { formatDateTime } from "../format.ts";
import { LangController, lang, pick, t } from "../i18n.ts";
import { hrefFor, type Route } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";

const routeOf = ({ target }: Alert): Route =>
  target.page === "indicator"
    ? { name: "indicator", id: target.id }
    : target.page === "station"
      ? { name: "station", number: target.id }
      : { name: "pipeline", pipeline: target.id };

/** A station alert's subject is "<station>/<component>": shown as "NL99003 · PM10". */
const subjectLabel = (alert: Alert) => alert.subject.replace("/", " · ");

export class AlertList extends LitElement {
  static override properties = { userRole: {} };
  declare userRole: Role;

  static override styles = [
    baseStyles,
    css`
      h2 {
        font-size: 1.1rem;
      }
      td.when {
        white-space: nowrap;
      }
    `,
  ];

  #alerts = new Task(this, {
    args: () => [] as const,
    task: (_args, { signal }) => api.get("GET /api/v1/alerts", { query: { state: "all" }, signal }),
  });

  constructor() {
    super();
    new LangController(this);
    this.userRole = "policy";
  }

  protected override render() {
    return html`<h1>${t("alerts.title")}</h1>
      <p class="muted">${t("alerts.intro")}</p>
      ${this.#alerts.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.userRole, () => void this.#alerts.run()),
        complete: ({ alerts }) => this.#renderLists(alerts),
      })}`;
  }

  #renderLists(alerts: readonly Alert[]) {
    const open = alerts.filter((a) => a.resolvedAt === null);
    const resolved = alerts.filter((a) => a.resolvedAt !== null);
    return html`<section aria-labelledby="open-heading">
        <h2 id="open-heading">${t("alerts.open")} (${open.length})</h2>
        ${open.length ? this.#renderTable(open, "open-alerts") : html`<p class="panel" data-testid="alerts-empty">${t("alerts.empty")}</p>`}
      </section>
      <section aria-labelledby="resolved-heading">
        <h2 id="resolved-heading">${t("alerts.resolved")} (${resolved.length})</h2>
        ${resolved.length ? this.#renderTable(resolved, "resolved-alerts") : html`<p class="muted">${t("alerts.noneResolved")}</p>`}
      </section>`;
  }

  #renderTable(alerts: readonly Alert[], testId: string) {
    const language = lang();
    const resolved = alerts[0]?.resolvedAt !== null;
    return html`<div class="panel table-wrap">
      <table data-testid=${testId}>
        <thead>
          <tr>
            <th scope="col">${t("alerts.kind")}</th>
            <th scope="col">${t("alerts.subject")}</th>
            <th scope="col">${t("alerts.message")}</th>
            <th scope="col">${t("alerts.openedAt")}</th>
            ${resolved ? html`<th scope="col">${t("alerts.resolvedAt")}</th>` : null}
          </tr>
        </thead>
        <tbody>
          ${alerts.map(
            (alert) =>
              html`<tr data-testid="alert-row" data-kind=${alert.kind}>
                <td>${t(`alerts.kind.${alert.kind}`)}</td>
                <th scope="row"><a href=${hrefFor(routeOf(alert))} data-testid="alert-subject">${subjectLabel(alert)}</a></th>
                <td>${pick(alert.message, language)}</td>
                <td class="when">${formatDateTime(alert.openedAt, language)}</td>
                ${resolved ? html`<td class="when">${formatDateTime(alert.resolvedAt!, language)}</td>` : null}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define("mm-alert-list", AlertList);

declare global {
  interface HTMLElementTagNameMap {
    "mm-alert-list": AlertList;
  }
}
