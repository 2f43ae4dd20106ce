/**
 * `<mm-establishment-search>`: the permit officer's way into the register. The criteria live in the
 * URL (`#/establishments?q=…&near=…`), so a search is a permalink; the results come as a paged,
 * sortable table and as dots on a map of the wijken and buurten, where a point can be picked.
 */
import { Task, TaskStatus } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import type { EstablishmentSearch } from "../../../../src/ground/contract/contract-dossier.ts";
import { api } from "../../api-client.ts";
import type { MapPoint } from "../../charts/area-map.ts";
import {
  DEFAULT_RADIUS_M,
  dueFilters,
  formatCoordinate,
  searchApiQuery,
  searchCsvQuery,
  type DueFilter,
  type EstablishmentSort,
  type SearchState,
} from "../../dossier-routes.ts";
import { formatNumber } from "../../format.ts";
import { LangController, lang, t } from "../../i18n.ts";
import { hrefFor, replaceRoute } from "../../routes.ts";
import { baseStyles } from "../../styles.ts";
import { renderFailure, renderLoading } from "../failure-message.ts";
import { pagerStyles } from "./dossier-styles.ts";
import "./area-map-view.ts";
import type { PickEvent } from "./area-map-view.ts";
import { renderEstablishmentTable } from "./establishment-table.ts";
import "./search-form.ts";
import type { SearchEvent, SearchForm } from "./search-form.ts";

const locationRadius = (radius: number | undefined) => Math.min(5_000, Math.max(50, radius ?? DEFAULT_RADIUS_M));

export class EstablishmentSearchView extends LitElement {
  static override properties = {
    state: { attribute: false },
    userRole: {},
    picking: { state: true },
  };
  declare state: SearchState;
  declare userRole: Role;
  declare picking: boolean;

  static override styles = [
    baseStyles,
    pagerStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(16rem, 26rem);
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 60rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .results {
        margin-top: 1rem;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem 1rem;
        margin-bottom: 0.5rem;
      }
      .toolbar p {
        margin: 0;
        font-weight: 600;
      }
      select {
        font: inherit;
        padding: 0.25rem 0.4rem;
        margin-left: 0.4rem;
      }
    `,
  ];

  /** The results with the permalink they answer, so the page can say which search it shows. */
  #results = new Task(this, {
    args: () => [this.state] as const,
    task: async ([state], { signal }) => ({
      search: await api.get("GET /api/v1/establishments", { query: searchApiQuery(state), signal }),
      href: hrefFor({ ...state, name: "establishments" }),
    }),
  });

  constructor() {
    super();
    new LangController(this);
    this.state = {};
    this.userRole = "permit";
    this.picking = false;
  }

  protected override render() {
    const items = this.#results.value?.search.items ?? [];
    const loaded = this.#results.status === TaskStatus.COMPLETE ? this.#results.value?.href : undefined;
    const points: MapPoint[] = items.map((item) => ({ id: item.id, lat: item.lat, lon: item.lon, label: `${item.name}, ${item.address}` }));
    return html`<h1>${t("search.title")}</h1>
      <div class="layout">
        <section class="panel" aria-labelledby="criteria-title">
          <h2 id="criteria-title" class="sr-only">${t("search.formLabel")}</h2>
          <mm-search-form .state=${this.state} ?picking=${this.picking} @mm-search=${this.#onSearch} @mm-toggle-pick=${this.#onTogglePick}></mm-search-form>
        </section>
        <section class="panel" aria-labelledby="map-title">
          <h2 id="map-title">${t("search.map")}</h2>
          ${this.picking ? html`<p role="status" data-testid="pick-hint">${t("search.pickHint")}</p>` : null}
          <mm-area-map
            .points=${points}
            .center=${this.state.near ?? null}
            .radiusM=${this.state.near ? (this.state.radius ?? null) : null}
            ?picking=${this.picking}
            .summary=${this.#mapSummary(points.length)}
            .userRole=${this.userRole}
            @mm-pick=${this.#onPick}
          ></mm-area-map>
          ${
            this.state.near
              ? html`<p>
                  <a data-testid="location-link" href=${hrefFor({ name: "location", ...this.state.near, radius: locationRadius(this.state.radius) })}
                    >${t("search.locationLink")}</a
                  >
                </p>`
              : null
          }
        </section>
      </div>
      <section class="panel results" aria-labelledby="results-title" data-testid="search-results" data-loaded=${loaded ?? ""}>
        <h2 id="results-title">${t("search.results")}</h2>
        ${this.#renderResultsState()}
      </section>`;
  }

  /**
   * While the next page or sort loads, the previous results stay (marked busy), so the pager button
   * just pressed keeps the keyboard focus instead of disappearing with the list.
   */
  #renderResultsState() {
    const results = this.#results;
    if (results.status === TaskStatus.ERROR) return renderFailure(results.error, this.userRole, () => void results.run());
    if (!results.value) return renderLoading();
    const busy = results.status === TaskStatus.PENDING;
    return html`${busy ? renderLoading() : null}
      <div aria-busy=${busy ? "true" : "false"}>${this.#renderResults(results.value.search)}</div>`;
  }

  #mapSummary(count: number): string {
    const near = this.state.near;
    const dots = t("search.mapSummary", { count });
    if (!near) return dots;
    const point = { lat: formatCoordinate(near.lat), lon: formatCoordinate(near.lon) };
    return this.state.radius
      ? `${dots} ${t("search.mapSummaryRadius", { ...point, radius: formatNumber(this.state.radius, lang(), { digits: 0 }) })}`
      : `${dots} ${t("search.mapSummaryPoint", point)}`;
  }

  #renderResults(search: EstablishmentSearch) {
    const language = lang();
    const pages = Math.max(1, Math.ceil(search.total / search.pageSize));
    const first = (search.page - 1) * search.pageSize + 1;
    const last = first + search.items.length - 1;
    const sorts: EstablishmentSort[] = this.state.near ? ["distance", "name", "category", "due"] : ["name", "category", "due"];
    const dueFilter = html`<label
      >${t("search.due")}
      <select data-testid="search-due" @change=${this.#onDue}>
        <option value="" ?selected=${this.state.due === undefined}>${t("search.dueAll")}</option>
        ${dueFilters.map(
          (level) =>
            html`<option value=${level} ?selected=${level === this.state.due}>${t("search.dueAtLeast", { level: t(`dossier.dueLevel.${level}`) })}</option>`,
        )}
      </select>
    </label>`;
    if (search.items.length === 0) {
      return html`<div class="toolbar">${dueFilter}</div>
        <p role="status" data-testid="result-count" data-total="0">${t("search.none")}</p>`;
    }
    return html`<div class="toolbar">
        <p role="status" data-testid="result-count" data-total=${search.total}>
          ${t("search.count", { total: formatNumber(search.total, language, { digits: 0 }) })}
        </p>
        <label
          >${t("search.sort")}
          <select data-testid="search-sort" @change=${this.#onSort}>
            ${sorts.map((sort) => html`<option value=${sort} ?selected=${sort === search.sort}>${t(`search.sort.${sort}`)}</option>`)}
          </select>
        </label>
        ${dueFilter}
        <a
          class="button"
          data-testid="search-export-csv"
          href=${api.url("GET /api/v1/establishments", { query: { ...searchCsvQuery(this.state), lang: lang() } })}
          download="milieubelastende-activiteiten.csv"
          >${t("search.exportCsv")}</a
        >
      </div>
      ${renderEstablishmentTable(search.items, { caption: t("search.results"), withDistance: this.state.near !== undefined })}
      <nav class="pager" aria-label=${t("search.pager")}>
        <button type="button" data-testid="page-previous" ?disabled=${search.page <= 1} @click=${() => this.#goTo(search.page - 1)}>
          ${t("search.previous")}
        </button>
        <p data-testid="page-status">
          ${t("search.pageStatus", {
            first: formatNumber(first, language, { digits: 0 }),
            last: formatNumber(last, language, { digits: 0 }),
            total: formatNumber(search.total, language, { digits: 0 }),
            page: search.page,
            pages,
          })}
        </p>
        <button type="button" data-testid="page-next" ?disabled=${search.page >= pages} @click=${() => this.#goTo(search.page + 1)}>${t("search.next")}</button>
      </nav>`;
  }

  #update(state: SearchState) {
    replaceRoute(this, { name: "establishments", ...state });
  }

  #goTo(page: number) {
    this.#update({ ...this.state, page });
  }

  #onSort = (event: Event) => {
    const sort = (event.target as HTMLSelectElement).value as EstablishmentSort;
    this.#update({ ...this.state, sort, page: 1 });
  };

  #onDue = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    const next: SearchState = { ...this.state, page: 1 };
    if (value === "") delete next.due;
    else next.due = value as DueFilter;
    this.#update(next);
  };

  #onSearch = (event: SearchEvent) => {
    this.picking = false;
    this.#update(event.detail);
  };

  #onTogglePick = () => {
    this.picking = !this.picking;
  };

  #onPick = (event: PickEvent) => {
    const form = this.renderRoot.querySelector<SearchForm>("mm-search-form");
    form?.setPoint(event.detail);
    this.picking = false;
    this.#update({ ...this.state, near: event.detail, radius: form?.radius() ?? DEFAULT_RADIUS_M, sort: "distance", page: 1 });
  };
}

customElements.define("mm-establishment-search", EstablishmentSearchView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-establishment-search": EstablishmentSearchView;
  }
}
