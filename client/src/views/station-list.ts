/** `<mm-station-list>`: the air-quality monitoring stations, each linking to its detail page. */
import { Task } from "@lit/task";
import { LitElement, html } from "lit";
import type { Role, Station } from "../../../src/ground/contract/contract.ts";
import { api } from "../api-client.ts";
import { formatFormula, formatStationType } from "../format.ts";
import { LangController, lang, t } from "../i18n.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles } from "../styles.ts";
import { renderFailure, renderLoading } from "./failure-message.ts";

export class StationList extends LitElement {
  static override properties = { userRole: {} };
  declare userRole: Role;

  static override styles = baseStyles;

  #stations = new Task(this, {
    args: () => [] as const,
    task: (_args, { signal }) => api.get("GET /api/v1/stations", { signal }),
  });

  constructor() {
    super();
    new LangController(this);
    this.userRole = "permit";
  }

  protected override render() {
    return html`<h1>${t("stations.title")}</h1>
      ${this.#stations.render({
        pending: renderLoading,
        error: (error) => renderFailure(error, this.userRole, () => void this.#stations.run()),
        complete: ({ stations }) => this.#renderTable(stations),
      })}`;
  }

  #renderTable(stations: readonly Station[]) {
    if (stations.length === 0) return html`<p class="panel" data-testid="empty">${t("stations.empty")}</p>`;
    const language = lang();
    const sorted = [...stations].sort((a, b) => a.name.localeCompare(b.name, language));
    return html`<div class="panel table-wrap">
      <table data-testid="station-table">
        <caption class="sr-only">
          ${t("stations.title")}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("stations.name")}</th>
            <th scope="col">${t("stations.number")}</th>
            <th scope="col">${t("stations.type")}</th>
            <th scope="col">${t("stations.components")}</th>
          </tr>
        </thead>
        <tbody>
          ${sorted.map(
            (station) =>
              html`<tr>
                <th scope="row">
                  <a href=${hrefFor({ name: "station", number: station.number })} data-testid="station-link">${station.name}</a>
                </th>
                <td>${station.number}</td>
                <td>${formatStationType(station.type)}</td>
                <td>${station.components.map((c) => formatFormula(c, language)).join(", ")}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define("mm-station-list", StationList);

declare global {
  interface HTMLElementTagNameMap {
    "mm-station-list": StationList;
  }
}
