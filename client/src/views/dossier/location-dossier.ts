/**
 * `<mm-location-dossier>`: "check je plek" for professionals, for any point: its buurt and wijk with
 * the buurt's key figures, air quality nearby against the norms, the noise map, heat and green, and
 * the establishments within the radius, each linking to its dossier. Without a point, a form asks
 * for one.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import type { LocationDossier } from "../../../../src/ground/contract/contract-dossier.ts";
import { api } from "../../api-client.ts";
import { DEFAULT_RADIUS_M, formatCoordinate, locationStateApiQuery, type LocationState } from "../../dossier-routes.ts";
import { formatAddress, formatStreetNumber } from "../../../../src/ground/address-text.ts";
import "./address-combobox.ts";
import "./around-section.ts";
import type { RadiusChangeEvent } from "./around-section.ts";
import type { BuildingMapPoint } from "../../charts/building-map.ts";
import { formatPercent } from "../../dossier-format.ts";
import { formatNumber } from "../../format.ts";
import { LangController, lang, t, type MessageKey } from "../../i18n.ts";
import { hrefFor, replaceRoute } from "../../routes.ts";
import { baseStyles, detailStyles } from "../../styles.ts";
import { renderFailure, renderLoading } from "../failure-message.ts";
import { renderBackToSearch } from "./back-to-search.ts";
import "./area-map-view.ts";
import { dossierStyles } from "./dossier-styles.ts";
import { renderEstablishmentTable } from "./establishment-table.ts";
import { buildingMapPlaceholder, LazyBuildingMap } from "./lazy-building-map.ts";
import "./nearby-measurements.ts";
import { renderNoise } from "./noise-classes.ts";
import { renderSources } from "./sources-list.ts";

const radii = [100, 250, 500, 1000, 2000];
const measures = new Set(["inhabitants", "households", "homes", "avg_gas_m3", "avg_electricity_kwh", "solar_share", "ev_chargers", "green_share"]);

/** A key figure's name in the UI language, with its unit; an unknown measure is shown by its code. */
const measureLabel = (measure: string) => (measures.has(measure) ? t(`location.measure.${measure}` as MessageKey) : measure);

export class LocationDossierView extends LitElement {
  static override properties = { point: { attribute: false }, userRole: {} };
  declare point: LocationState;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    detailStyles,
    dossierStyles,
    buildingMapPlaceholder,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1rem;
        align-items: end;
      }
      label {
        display: flex;
        flex-direction: column;
        font-weight: 600;
      }
      input,
      select {
        font: inherit;
        padding: 0.3rem 0.45rem;
        font-weight: 400;
      }
    `,
  ];

  #dossier = new Task(this, {
    args: () => [this.point] as const,
    task: ([point], { signal }) => {
      const query = locationStateApiQuery(point);
      return query ? api.get("GET /api/v1/locations/dossier", { query, signal }) : null;
    },
  });

  /** Loads the building map's module when its map nears the screen (lazy-building-map.ts). */
  protected readonly buildingMap = new LazyBuildingMap(this);

  constructor() {
    super();
    new LangController(this);
    this.point = {};
    this.userRole = "permit";
  }

  protected override render() {
    return html`${renderBackToSearch(this.userRole)}
    ${this.#dossier.render({
      pending: renderLoading,
      error: (error) => renderFailure(error, this.userRole, () => void this.#dossier.run()),
      complete: (dossier) => (dossier ? this.#renderDossier(dossier) : this.#renderPointForm()),
    })}`;
  }

  #renderPointForm() {
    return html`<h1>${t("location.titleNoPoint")}</h1>
      <section class="panel">
        <p>${t("location.askPoint")}</p>
        ${this.#renderForm()}
      </section>`;
  }

  /** The address box first; coordinates stay available under "advanced". */
  #renderForm() {
    return html`<mm-address-combobox .radius=${this.point.radius} data-testid="location-address"></mm-address-combobox>
      <details class="advanced" ?open=${this.point.address === undefined && this.point.lat !== undefined}>
        <summary>${t("address.advanced")}</summary>
        ${this.#renderPointFields()}
      </details>`;
  }

  #renderPointFields() {
    const { lat, lon } = this.point;
    const radius = this.point.radius ?? DEFAULT_RADIUS_M;
    return html`<form @submit=${this.#submit} aria-label=${t("location.formLabel")}>
      <label
        >${t("search.lat")} <input name="lat" type="number" step="any" min="-90" max="90" required .value=${lat === undefined ? "" : formatCoordinate(lat)}
      /></label>
      <label
        >${t("search.lon")} <input name="lon" type="number" step="any" min="-180" max="180" required .value=${lon === undefined ? "" : formatCoordinate(lon)}
      /></label>
      <label
        >${t("search.radius")}
        <select name="radius">
          ${[...new Set([...radii, radius])].sort((a, b) => a - b).map((r) => html`<option value=${r} ?selected=${r === radius}>${formatNumber(r, lang(), { digits: 0 })} m</option>`)}
        </select>
      </label>
      <button type="submit">${t("location.show")}</button>
    </form>`;
  }

  #submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    replaceRoute(this, { name: "location", lat: Number(data.get("lat")), lon: Number(data.get("lon")), radius: Number(data.get("radius")) });
  };

  /** By the address; on coordinates by the nearest address within 50 m, else the buurt; only then the coordinates. */
  #title(dossier: LocationDossier): string {
    if (dossier.address) return t("location.titleAddress", { address: formatAddress(dossier.address) });
    if (dossier.nearestAddress) return t("location.titleNear", { address: formatStreetNumber(dossier.nearestAddress) });
    if (dossier.buurt) return t("location.titleBuurt", { buurt: dossier.buurt.name });
    return t("location.title", { lat: formatCoordinate(dossier.lat), lon: formatCoordinate(dossier.lon) });
  }

  #changeRadius = (event: RadiusChangeEvent) => {
    const { address, lat, lon } = this.point;
    replaceRoute(this, address !== undefined ? { name: "location", address, radius: event.detail } : { name: "location", lat, lon, radius: event.detail });
  };

  #mapPoints(dossier: LocationDossier): BuildingMapPoint[] {
    const here: BuildingMapPoint = {
      lon: dossier.lon,
      lat: dossier.lat,
      kind: "address",
      label: dossier.address ? formatAddress(dossier.address) : `${formatCoordinate(dossier.lat)}, ${formatCoordinate(dossier.lon)}`,
    };
    return [
      here,
      ...dossier.establishments.map((e) => ({
        lon: e.lon,
        lat: e.lat,
        kind: "establishment" as const,
        label: `${e.name}, ${e.address}`,
        href: hrefFor({ name: "establishment", id: e.id }),
      })),
      ...(dossier.sensitive?.nearest ?? []).map((n) => ({
        lon: n.address.lon,
        lat: n.address.lat,
        kind: "sensitive" as const,
        label: `${n.classes.map((c) => t(`around.class.${c}`)).join(", ")}: ${formatStreetNumber(n.address)}`,
        href: hrefFor({ name: "location", address: n.address.id }),
      })),
    ];
  }

  #csvHref(dossier: LocationDossier): string {
    const where = dossier.address ? { address: dossier.address.id } : { lat: dossier.lat, lon: dossier.lon };
    return api.url("GET /api/v1/locations/dossier", { query: { ...where, radius: dossier.radiusM, format: "csv", lang: lang() } });
  }

  #renderDossier(dossier: LocationDossier) {
    const language = lang();
    const radius = formatNumber(dossier.radiusM, language, { digits: 0 });
    return html`<div class="page-head">
        <h1 data-testid="location-title">${this.#title(dossier)}</h1>
        <div class="actions no-print">
          <a class="button" href=${this.#csvHref(dossier)} download data-testid="location-csv">${t("location.downloadCsv")}</a>
          <button type="button" @click=${() => window.print()}>${t("dossier.print")}</button>
        </div>
      </div>
      <section class="panel no-print">${this.#renderForm()}</section>
      <section class="panel" data-testid="around-section">
        <mm-around-section .dossier=${dossier} @mm-radius-change=${this.#changeRadius}></mm-around-section>
      </section>
      <section class="panel" aria-label=${t("around.mapSlot")} data-testid="location-building-map">
        <mm-building-map .center=${{ lon: dossier.lon, lat: dossier.lat }} .radiusM=${dossier.radiusM} .points=${this.#mapPoints(dossier)}></mm-building-map>
      </section>
      <section class="panel two-columns" aria-labelledby="area-title" data-testid="location-area">
        <div>
          <h2 id="area-title">${t("location.areaTitle")}</h2>
          ${
            dossier.buurt
              ? html`<dl>
                  <dt>${t("search.colBuurt")}</dt>
                  <dd data-testid="location-buurt">${dossier.buurt.name} <span class="muted">(${dossier.buurt.code})</span></dd>
                  <dt>${t("location.wijk")}</dt>
                  <dd>${dossier.buurt.wijkName ?? "–"} ${dossier.buurt.wijkCode ? html`<span class="muted">(${dossier.buurt.wijkCode})</span>` : null}</dd>
                </dl>`
              : html`<p data-testid="location-outside">${t("location.outside")}</p>`
          }
          ${this.#renderKeyFigures(dossier)}
        </div>
        <div class="small-map">
          <mm-area-map
            .buurtCode=${dossier.buurt?.code ?? null}
            .points=${dossier.establishments.map((e) => ({ id: e.id, lat: e.lat, lon: e.lon, label: `${e.name}, ${e.address}` }))}
            .center=${{ lat: dossier.lat, lon: dossier.lon }}
            .radiusM=${dossier.radiusM}
            .summary=${t("location.mapSummary", { count: dossier.establishments.length, radius })}
            .maxHeight=${360}
            .userRole=${this.userRole}
          ></mm-area-map>
        </div>
      </section>
      <section class="panel" aria-labelledby="nearby-title" data-testid="nearby">
        <h2 id="nearby-title">${t("dossier.nearbyTitle")}</h2>
        <mm-nearby-measurements .nearby=${dossier.nearby}></mm-nearby-measurements>
      </section>
      <section class="panel two-columns">
        <div aria-labelledby="noise-title" role="group" data-testid="noise">
          <h2 id="noise-title">${t("dossier.noiseTitle")}</h2>
          ${renderNoise(dossier.noise)}
        </div>
        <div aria-labelledby="heat-title" role="group" data-testid="green-heat">
          <h2 id="heat-title">${t("location.heatTitle")}</h2>
          ${this.#renderGreenHeat(dossier)}
        </div>
      </section>
      <section class="panel" aria-labelledby="around-title" data-testid="around">
        <h2 id="around-title">${t("location.aroundTitle", { radius })}</h2>
        ${
          dossier.establishments.length === 0
            ? html`<p data-testid="around-empty">${t("location.aroundEmpty")}</p>`
            : renderEstablishmentTable(dossier.establishments, { caption: t("location.aroundTitle", { radius }), withDistance: true })
        }
      </section>
      <section class="panel" aria-labelledby="sources-title">
        <h2 id="sources-title">${t("dossier.sourcesTitle")}</h2>
        ${renderSources(dossier.sources)}
      </section>`;
  }

  #renderKeyFigures(dossier: LocationDossier) {
    if (dossier.keyFigures.length === 0) return html`<p>${t("location.keyFiguresEmpty")}</p>`;
    const language = lang();
    return html`<div class="table-wrap">
      <table data-testid="key-figures">
        <caption>
          ${t("location.keyFigures", { period: dossier.keyFigures[0]!.period })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("location.measure")}</th>
            <th scope="col" class="num">${t("dossier.value")}</th>
          </tr>
        </thead>
        <tbody>
          ${dossier.keyFigures.map(
            (figure) =>
              html`<tr>
                <th scope="row">${measureLabel(figure.measure)}</th>
                <td class="num">${figure.value === null ? "–" : formatNumber(figure.value, language)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderGreenHeat({ greenHeat }: LocationDossier) {
    if (!greenHeat) return html`<p>${t("location.heatEmpty")}</p>`;
    const heatClass = Math.min(5, Math.max(1, Math.round(greenHeat.heatStressClass)));
    return html`<dl>
        <dt>${t("location.greenShare")}</dt>
        <dd>${formatPercent(greenHeat.greenShare / 100, lang())}</dd>
        <dt>${t("location.heatStress")}</dt>
        <dd data-testid="heat-class">${t("location.heatClass", { class: heatClass, word: t(`location.heatWord.${heatClass}` as MessageKey) })}</dd>
      </dl>
      <p class="muted">${t("location.heatNote", { year: greenHeat.year, tier: t(`tier.${greenHeat.qualityTier}`) })}</p>`;
  }
}

customElements.define("mm-location-dossier", LocationDossierView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-location-dossier": LocationDossierView;
  }
}
