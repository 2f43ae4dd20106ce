/**
 * `<mm-search-form>`: the establishment search's criteria — text, wijk, SBI prefix, category and a
 * point with a radius (typed, or picked on the map). Fires `mm-search` with the new criteria on
 * submit, and `mm-toggle-pick` when the user asks to pick the point on the map.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import { loadBoundaries } from "../../area-boundaries.ts";
import { DEFAULT_RADIUS_M, formatCoordinate, type SearchState } from "../../dossier-routes.ts";
import { LangController, t } from "../../i18n.ts";
import { baseStyles } from "../../styles.ts";
import { formatAddress } from "../../../../src/ground/address-text.ts";
import type { Address } from "../../../../src/ground/contract/contract-addresses.ts";
import { hrefFor } from "../../routes.ts";
import "./address-combobox.ts";
import type { AddressChosenEvent } from "./address-combobox.ts";

export type SearchEvent = CustomEvent<SearchState>;

const categories = [1, 2, 3, 4, 5, 6];

export class SearchForm extends LitElement {
  static override properties = {
    state: { attribute: false },
    picking: { type: Boolean },
    problem: { state: true },
    chosenAddress: { state: true },
  };
  /** The address last chosen in the address box: its point is in the fields, its dossier a link away. */
  declare chosenAddress: Address | null;
  declare state: SearchState;
  declare picking: boolean;
  declare problem: string | null;

  static override styles = [
    baseStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        gap: 0.75rem 1rem;
        align-items: start;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
        font-weight: 600;
      }
      label.wide {
        grid-column: 1 / -1;
      }
      input,
      select {
        font: inherit;
        padding: 0.35rem 0.5rem;
        border: 1px solid var(--mm-muted);
        border-radius: 4px;
        background: #fff;
        font-weight: 400;
      }
      fieldset {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.75rem 1rem;
        border: 1px solid var(--mm-line);
        border-radius: 6px;
        margin: 0;
      }
      legend {
        font-weight: 600;
      }
      mm-address-combobox {
        flex-basis: 100%;
      }
      .hint {
        flex-basis: 100%;
        margin: 0;
        font-size: 0.9rem;
      }
      .actions {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
      }
      button.secondary {
        background: #fff;
        color: var(--mm-accent);
      }
      button[aria-pressed="true"] {
        background: #a11919;
        border-color: #a11919;
        color: #fff;
      }
    `,
  ];

  #wijken = new Task(this, {
    args: () => [] as const,
    task: async () => {
      const collection = await loadBoundaries("wijk");
      return collection.features.map((f) => ({ code: f.id, name: f.properties.name })).sort((a, b) => a.name.localeCompare(b.name, "nl"));
    },
  });

  constructor() {
    super();
    new LangController(this);
    this.state = {};
    this.picking = false;
    this.problem = null;
    this.chosenAddress = null;
  }

  /** The typed or picked point goes into the fields; the search itself runs on submit or pick. */
  setPoint(point: { lat: number; lon: number }): void {
    const field = (name: string) => this.renderRoot.querySelector<HTMLInputElement>(`input[name=${name}]`);
    const lat = field("lat");
    const lon = field("lon");
    if (lat) lat.value = formatCoordinate(point.lat);
    if (lon) lon.value = formatCoordinate(point.lon);
  }

  /** The radius in the form, or the default when it is empty or not a whole number of metres. */
  radius(): number {
    const value = Number(this.renderRoot.querySelector<HTMLInputElement>("input[name=radius]")?.value);
    return Number.isInteger(value) && value >= 1 && value <= 50_000 ? value : DEFAULT_RADIUS_M;
  }

  protected override render() {
    const state = this.state;
    const wijken = this.#wijken.value ?? [];
    const areaKnown = !state.area || wijken.some((w) => w.code === state.area);
    const number = (value: number | undefined) => (value === undefined ? "" : String(value));
    return html`<form role="search" aria-label=${t("search.formLabel")} @submit=${this.#submit} novalidate>
      <label class="wide"
        >${t("search.q")}
        <input name="q" type="search" autocomplete="off" .value=${state.q ?? ""} maxlength="200" data-testid="search-q" />
      </label>
      <label
        >${t("search.area")}
        <select name="area" data-testid="search-area">
          <option value="" ?selected=${!state.area}>${t("search.allAreas")}</option>
          ${wijken.map((w) => html`<option value=${w.code} ?selected=${w.code === state.area}>${w.name}</option>`)}
          ${areaKnown ? null : html`<option value=${state.area ?? ""} selected>${state.area}</option>`}
        </select>
      </label>
      <label
        >${t("search.sbi")}
        <input name="sbi" inputmode="numeric" pattern="\\d{1,5}" maxlength="5" .value=${state.sbi ?? ""} aria-describedby="sbi-hint" />
        <span id="sbi-hint" class="muted">${t("search.sbiHint")}</span>
      </label>
      <label
        >${t("search.category")}
        <select name="category">
          <option value="" ?selected=${state.category === undefined}>${t("search.allCategories")}</option>
          ${categories.map((c) => html`<option value=${c} ?selected=${c === state.category}>${t("search.categoryValue", { category: c })}</option>`)}
        </select>
      </label>
      <fieldset>
        <legend>${t("search.near")}</legend>
        <mm-address-combobox class="wide-address" @mm-address-chosen=${this.#addressChosen} data-testid="search-address"></mm-address-combobox>
        ${
          this.chosenAddress
            ? html`<p class="hint" data-testid="search-address-dossier">
                <a href=${hrefFor({ name: "location", address: this.chosenAddress.id })}
                  >${t("address.openDossier", { address: formatAddress(this.chosenAddress) })}</a
                >
              </p>`
            : null
        }
        <label
          >${t("search.lat")}
          <input name="lat" type="number" step="any" min="-90" max="90" .value=${state.near ? formatCoordinate(state.near.lat) : ""} data-testid="search-lat" />
        </label>
        <label
          >${t("search.lon")}
          <input
            name="lon"
            type="number"
            step="any"
            min="-180"
            max="180"
            .value=${state.near ? formatCoordinate(state.near.lon) : ""}
            data-testid="search-lon"
          />
        </label>
        <label
          >${t("search.radius")}
          <input
            name="radius"
            type="number"
            step="1"
            min="1"
            max="50000"
            .value=${number(state.radius ?? (state.near ? undefined : DEFAULT_RADIUS_M))}
            data-testid="search-radius"
          />
        </label>
        <button type="button" class="secondary" aria-pressed=${this.picking ? "true" : "false"} data-testid="pick-toggle" @click=${this.#togglePick}>
          ${this.picking ? t("search.pickActive") : t("search.pick")}
        </button>
        <p class="hint muted">${t("search.nearHint")}</p>
      </fieldset>
      ${this.problem ? html`<p class="alert wide" role="alert" data-testid="search-problem">${this.problem}</p>` : null}
      <div class="actions">
        <button type="submit" data-testid="search-submit">${t("search.submit")}</button>
        <button type="button" class="secondary" @click=${this.#clear}>${t("search.clear")}</button>
      </div>
    </form>`;
  }

  /** On this page an address fills the search's point (the officer then searches near it) instead of opening its dossier. */
  #addressChosen = (event: AddressChosenEvent) => {
    event.preventDefault();
    this.chosenAddress = event.detail;
    this.setPoint(event.detail);
  };

  #togglePick = () => this.dispatchEvent(new CustomEvent("mm-toggle-pick", { bubbles: true, composed: true }));

  #clear = () => {
    this.problem = null;
    this.renderRoot.querySelector("form")?.reset();
    this.#emit({});
  };

  #submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const next: SearchState = {};
    const problems: string[] = [];
    if (text("q")) next.q = text("q");
    if (text("area")) next.area = text("area");
    if (text("sbi")) {
      if (/^\d{1,5}$/.test(text("sbi"))) next.sbi = text("sbi");
      else problems.push(t("search.sbiInvalid"));
    }
    if (text("category")) next.category = Number(text("category"));
    const [lat, lon, radius] = [text("lat"), text("lon"), text("radius")];
    if (lat || lon) {
      const point = { lat: Number(lat), lon: Number(lon) };
      if (!lat || !lon || !Number.isFinite(point.lat) || !Number.isFinite(point.lon) || Math.abs(point.lat) > 90 || Math.abs(point.lon) > 180) {
        problems.push(t("search.pointInvalid"));
      } else {
        next.near = point;
        const metres = Number(radius);
        if (radius && (!Number.isInteger(metres) || metres < 1 || metres > 50_000)) problems.push(t("search.radiusInvalid"));
        else if (radius) next.radius = metres;
      }
    }
    const sort = this.state.sort;
    if (sort && (sort !== "distance" || next.near)) next.sort = sort;
    this.problem = problems.length > 0 ? problems.join(" ") : null;
    if (problems.length === 0) this.#emit(next);
  };

  #emit(state: SearchState) {
    this.dispatchEvent(new CustomEvent("mm-search", { detail: state, bubbles: true, composed: true }) satisfies SearchEvent);
  }
}

customElements.define("mm-search-form", SearchForm);

declare global {
  interface HTMLElementTagNameMap {
    "mm-search-form": SearchForm;
  }
}
