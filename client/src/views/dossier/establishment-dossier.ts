/**
 * `<mm-establishment-dossier establishment-id=…>`: everything environmental about one establishment
 * (a "milieubelastende activiteit"): open items and "Controle nodig?" first, then identity and
 * location, permits, inspections with their findings, complaints and those nearby, the timeline, air
 * quality nearby against the norms, the buurt's noise map and the sources. Exports as CSV (the API
 * audits the export). Prints as a site-visit sheet of at most two A4 pages: address, a small map,
 * open items, the last inspection with its findings, why an inspection is due and the complaints
 * nearby; the long tables and charts are left off the paper (`no-print`).
 */
import { Task, TaskStatus } from "@lit/task";
import { LitElement, html } from "lit";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import type { EstablishmentDossier } from "../../../../src/ground/contract/contract-dossier.ts";
import { api } from "../../api-client.ts";
import { DEFAULT_RADIUS_M } from "../../dossier-routes.ts";
import { formatAddress } from "../../../../src/ground/address-text.ts";
import { formatDate } from "../../dossier-format.ts";
import { formatNumber } from "../../format.ts";
import { LangController, lang, t } from "../../i18n.ts";
import { earlyOr } from "../../route-data.ts";
import { hrefFor } from "../../routes.ts";
import { baseStyles, detailStyles } from "../../styles.ts";
import { downloadQuery } from "../export-links.ts";
import { renderFailure, renderLoading } from "../failure-message.ts";
import { renderBackToSearch } from "./back-to-search.ts";
import "./area-map-view.ts";
import type { BuildingMapPoint } from "../../charts/building-map.ts";
import { buildingMapPlaceholder, LazyBuildingMap } from "./lazy-building-map.ts";
import { renderComplaints, renderNearbyComplaints } from "./complaints-section.ts";
import { dossierStyles } from "./dossier-styles.ts";
import { renderInspections, renderLastInspection } from "./inspection-table.ts";
import "./nearby-measurements.ts";
import { renderNoise } from "./noise-classes.ts";
import { renderInspectionDue, renderOpenItems } from "./open-items.ts";
import { renderPermits } from "./permit-table.ts";
import { renderSources } from "./sources-list.ts";
import { renderTimeline } from "./timeline-section.ts";

/** Complaints nearby within this radius (the API's, src/engine/dossiers/establishment-dossier.ts). */
const NEARBY_COMPLAINTS_M = 250;
/** On paper, the nearest this many nearby complaints. */
const PRINTED_NEARBY = 8;

const today = () => new Date().toISOString().slice(0, 10);

export class EstablishmentDossierView extends LitElement {
  static override properties = { establishmentId: { attribute: "establishment-id" }, userRole: {}, showRest: { state: true } };
  declare establishmentId: string;
  declare userRole: Role;
  /**
   * The last sections (timeline, air quality nearby, noise, sources: far below the first screen, none
   * printed) are added in the task after the first paint, so the dossier's first screen isn't held
   * up by them on a phone (issue 22, Lighthouse mobile).
   */
  declare showRest: boolean;

  static override styles = [baseStyles, detailStyles, dossierStyles, buildingMapPlaceholder];

  #dossier = new Task(this, {
    args: () => [this.establishmentId] as const,
    task: ([id], { signal }) =>
      earlyOr(api.url("GET /api/v1/establishments/:id", { path: { id } }), () => api.get("GET /api/v1/establishments/:id", { path: { id }, signal })),
  });

  /** Loads the building map's module when its map nears the screen (lazy-building-map.ts). */
  protected readonly buildingMap = new LazyBuildingMap(this);
  /** `showRest` is set after the first paint of a dossier (once per element). */
  #restScheduled = false;

  constructor() {
    super();
    new LangController(this);
    this.establishmentId = "";
    this.userRole = "permit";
    this.showRest = false;
  }

  protected override updated(): void {
    if (!this.showRest && !this.#restScheduled && this.#dossier.status === TaskStatus.COMPLETE) {
      this.#restScheduled = true;
      requestAnimationFrame(() => setTimeout(() => (this.showRest = true)));
    }
  }

  protected override render() {
    return html`${renderBackToSearch(this.userRole)}
    ${this.#dossier.render({
      pending: renderLoading,
      error: (error) => renderFailure(error, this.userRole, () => void this.#dossier.run()),
      complete: (dossier) => this.#renderDossier(dossier),
    })}`;
  }

  #renderDossier(dossier: EstablishmentDossier) {
    const e = dossier.establishment;
    const noiseLimits = dossier.permits.flatMap((p) => (p.noiseLimitDba === null ? [] : [{ permit: p.id, status: p.status, limit: p.noiseLimitDba }]));
    return html`<div class="page-head">
        <div>
          <h1 data-testid="dossier-title">${t("dossier.title", { name: e.name })}</h1>
          <p class="muted">${t("dossier.asOf", { date: formatDate(dossier.asOf, lang()) })}</p>
          <p class="print-only" data-testid="printed-on">
            ${t("dossier.printedOn", { printed: formatDate(today(), lang()), asOf: formatDate(dossier.asOf, lang()) })}
          </p>
        </div>
        <div class="actions no-print">
          <a
            class="button"
            href=${api.url("GET /api/v1/establishments/:id", { path: { id: e.id }, query: downloadQuery({ format: "csv" }) })}
            download=${`dossier-${e.id}.csv`}
            data-testid="export-csv"
            >${t("dossier.exportCsv")}</a
          >
          <button type="button" data-testid="print" @click=${() => window.print()}>${t("dossier.print")}</button>
        </div>
      </div>
      ${renderOpenItems(dossier.openItems)} ${renderInspectionDue(dossier.inspectionDue, e.category)} ${this.#renderIdentity(dossier)}
      <section class="panel print-only" aria-labelledby="last-inspection-title">
        <h2 id="last-inspection-title">${t("dossier.lastInspectionTitle")}</h2>
        ${renderLastInspection(dossier.inspections)}
      </section>
      ${this.#renderNearbyComplaints(dossier)}
      <section class="panel no-print" aria-labelledby="permits-title">
        <h2 id="permits-title">${t("dossier.permitsTitle")}</h2>
        ${renderPermits(dossier.permits)}
      </section>
      <section class="panel no-print" aria-labelledby="inspections-title">
        <h2 id="inspections-title">${t("dossier.inspectionsTitle")}</h2>
        ${renderInspections(dossier.inspections)}
      </section>
      <section class="panel no-print" aria-labelledby="complaints-title">
        <h2 id="complaints-title">${t("dossier.complaintsTitle")}</h2>
        ${renderComplaints(dossier)}
      </section>
      ${this.showRest ? this.#renderRest(dossier, noiseLimits) : null}`;
  }

  #renderRest(dossier: EstablishmentDossier, noiseLimits: Parameters<typeof renderNoise>[1]) {
    return html`<section class="panel no-print" aria-labelledby="timeline-title">
        <h2 id="timeline-title">${t("dossier.timelineTitle")}</h2>
        ${renderTimeline(dossier)}
      </section>
      <section class="panel no-print" aria-labelledby="nearby-title" data-testid="nearby">
        <h2 id="nearby-title">${t("dossier.nearbyTitle")}</h2>
        <mm-nearby-measurements .nearby=${dossier.nearby}></mm-nearby-measurements>
      </section>
      <section class="panel no-print" aria-labelledby="noise-title" data-testid="noise">
        <h2 id="noise-title">${t("dossier.noiseTitle")}</h2>
        ${renderNoise(dossier.noise, noiseLimits)}
      </section>
      <section class="panel no-print" aria-labelledby="sources-title">
        <h2 id="sources-title">${t("dossier.sourcesTitle")}</h2>
        ${renderSources(dossier.sources)}
      </section>`;
  }

  /** The complaints nearby on a small map of the buildings (with the establishment) and as a table. */
  #renderNearbyComplaints(dossier: EstablishmentDossier) {
    const e = dossier.establishment;
    const nearby = dossier.complaintsNearby;
    const points: BuildingMapPoint[] = [
      { lon: e.lon, lat: e.lat, kind: "establishment", label: `${e.name}, ${e.address}` },
      ...dossier.complaints.map((c) => ({ lon: c.lon, lat: c.lat, kind: "complaint" as const, label: `${c.id} (${formatDate(c.receivedOn, lang())})` })),
      ...nearby.map((c) => ({ lon: c.lon, lat: c.lat, kind: "complaint" as const, label: `${c.id} (${formatDate(c.receivedOn, lang())})` })),
    ];
    return html`<section class="panel nearby-complaints" aria-labelledby="nearby-complaints-title" data-testid="nearby-complaints" data-count=${nearby.length}>
      <h2 id="nearby-complaints-title">${t("dossier.nearbyComplaintsTitle", { count: nearby.length })}</h2>
      <div class="site-map">
        <mm-building-map
          style="--mm-building-map-height: 220px"
          .center=${{ lon: e.lon, lat: e.lat }}
          .radiusM=${NEARBY_COMPLAINTS_M}
          .points=${points}
          .height=${220}
        ></mm-building-map>
      </div>
      ${renderNearbyComplaints(nearby, NEARBY_COMPLAINTS_M)}
      <style>
        @media print {
          [data-testid="nearby-complaint-row"]:nth-child(n + ${PRINTED_NEARBY + 1}) {
            display: none;
          }
        }
      </style>
    </section>`;
  }

  #renderIdentity({ establishment: e, address }: EstablishmentDossier) {
    const language = lang();
    const coordinate = (value: number) => formatNumber(value, language, { digits: 5 });
    return html`<section class="panel two-columns" aria-labelledby="identity-title" data-testid="identity">
      <div>
        <h2 id="identity-title">${t("dossier.identityTitle")}</h2>
        <dl>
          <dt>${t("dossier.id")}</dt>
          <dd>${e.id}</dd>
          <dt>${t("search.colAddress")}</dt>
          <dd>${e.address}, ${e.postcode} ${e.city}</dd>
          <dt>${t("dossier.bagAddress")}</dt>
          <dd data-testid="bag-address">${address ? formatAddress(address) : t("dossier.bagAddressNone")}</dd>
          <dt>${t("search.colBuurt")}</dt>
          <dd>${e.buurtName ?? "–"} ${e.buurtCode ? html`<span class="muted">(${e.buurtCode})</span>` : null}</dd>
          <dt>${t("search.colActivity")}</dt>
          <dd>${e.activity} (SBI ${e.sbiCode})</dd>
          <dt>${t("search.colCategory")}</dt>
          <dd>${e.category}</dd>
          <dt>${t("dossier.legalForm")}</dt>
          <dd>${e.naturalPerson ? t("dossier.naturalPerson") : t("dossier.legalPerson")}</dd>
          <dt>${t("dossier.coordinates")}</dt>
          <dd>${coordinate(e.lat)}, ${coordinate(e.lon)}</dd>
        </dl>
        <p class="no-print">
          <a
            data-testid="location-link"
            href=${hrefFor(address ? { name: "location", address: address.id } : { name: "location", lat: e.lat, lon: e.lon, radius: DEFAULT_RADIUS_M })}
            >${t("dossier.locationLink")}</a
          >
        </p>
      </div>
      <div class="small-map no-print">
        <mm-area-map
          .buurtCode=${e.buurtCode}
          .points=${[{ id: e.id, lat: e.lat, lon: e.lon, label: `${e.name}, ${e.address}` }]}
          .summary=${t("dossier.mapSummary", { name: e.name, buurt: e.buurtName ?? "–" })}
          .maxHeight=${320}
          .userRole=${this.userRole}
        ></mm-area-map>
      </div>
    </section>`;
  }
}

customElements.define("mm-establishment-dossier", EstablishmentDossierView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-establishment-dossier": EstablishmentDossierView;
  }
}
