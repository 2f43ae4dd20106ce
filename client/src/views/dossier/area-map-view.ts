/**
 * `<mm-area-map>`: establishments (and a search point with its radius) on the wijk and buurt
 * boundaries, fitted to the municipality or to one buurt. Clicking a dot opens that establishment's
 * dossier; in pick mode a click anywhere fires `mm-pick` with the point. The map is a picture for the
 * mouse: every view that shows one also lists the same establishments, and points can be typed in.
 */
import { Task } from "@lit/task";
import { LitElement, css, html } from "lit";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import { loadBoundaries, type AreaFeature } from "../../area-boundaries.ts";
import "../../chart-frame.ts";
import { areaMap, type MapPoint } from "../../charts/area-map.ts";
import { circlePolygon } from "../../charts/map-geometry.ts";
import { LangController, lang, t } from "../../i18n.ts";
import { hrefFor } from "../../routes.ts";
import { baseStyles } from "../../styles.ts";
import { renderFailure, renderLoading } from "../failure-message.ts";

export type PickEvent = CustomEvent<{ lat: number; lon: number }>;

export class AreaMapView extends LitElement {
  static override properties = {
    buurtCode: {},
    points: { attribute: false },
    center: { attribute: false },
    radiusM: { attribute: false },
    picking: { type: Boolean },
    summary: {},
    maxHeight: { attribute: false },
    userRole: {},
  };
  /** Fit the map to this buurt and highlight it; the whole municipality when null. */
  declare buurtCode: string | null;
  declare points: readonly MapPoint[];
  declare center: { lat: number; lon: number } | null;
  declare radiusM: number | null;
  declare picking: boolean;
  /** The text alternative: what the map shows, in a sentence. */
  declare summary: string;
  declare maxHeight: number | undefined;
  declare userRole: Role;

  static override styles = [
    baseStyles,
    css`
      figure {
        max-width: 48rem;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        list-style: none;
        margin: 0.25rem 0 0;
        padding: 0;
        font-size: 0.9rem;
      }
      .swatch {
        font-weight: 700;
      }
      .dot {
        color: #0b6660;
      }
      .centre {
        color: #a11919;
      }
    `,
  ];

  #boundaries = new Task(this, {
    args: () => [] as const,
    task: async () => {
      const [wijken, buurten] = await Promise.all([loadBoundaries("wijk"), loadBoundaries("buurt")]);
      return { wijken: wijken.features, buurten: buurten.features };
    },
  });

  constructor() {
    super();
    new LangController(this);
    this.buurtCode = null;
    this.points = [];
    this.center = null;
    this.radiusM = null;
    this.picking = false;
    this.summary = "";
    this.maxHeight = undefined;
    this.userRole = "permit";
  }

  protected override render() {
    return this.#boundaries.render({
      pending: renderLoading,
      error: (error) => renderFailure(error, this.userRole, () => void this.#boundaries.run()),
      complete: ({ wijken, buurten }) => this.#renderMap(wijken, buurten),
    });
  }

  #domain(highlight: AreaFeature | null): object | null {
    const circle = this.center && this.radiusM ? circlePolygon(this.center, this.radiusM) : null;
    const parts = [highlight, circle && { type: "Feature", properties: {}, geometry: circle }].filter((part) => part !== null);
    return parts.length > 0 && this.buurtCode !== null ? { type: "FeatureCollection", features: parts } : null;
  }

  #renderMap(wijken: readonly AreaFeature[], buurten: readonly AreaFeature[]) {
    const highlight = (this.buurtCode && buurten.find((feature) => feature.id === this.buurtCode)) || null;
    const language = lang();
    const draw = (width: number) =>
      areaMap({
        width,
        maxHeight: this.maxHeight,
        lang: language,
        wijken,
        buurten,
        domain: this.#domain(highlight),
        highlight,
        points: this.points,
        center: this.center,
        radiusM: this.radiusM,
        onPick: this.picking ? (point) => this.#pick(point) : undefined,
        onPoint: (id) => {
          location.hash = hrefFor({ name: "establishment", id });
        },
      });
    return html`<figure data-testid="area-map" data-picking=${this.picking ? "true" : "false"}>
      <mm-chart-frame .draw=${draw} aria-hidden="true"></mm-chart-frame>
      <ul class="legend" aria-hidden="true">
        ${this.points.length > 0 ? html`<li><span class="swatch dot">●</span> ${t("search.legendEstablishment")}</li>` : null}
        ${this.center ? html`<li><span class="swatch centre">✚</span> ${t("search.legendCentre")}</li>` : null}
        ${highlight ? html`<li><span class="swatch">▭</span> ${t("search.legendBuurt", { name: highlight.properties.name })}</li>` : null}
      </ul>
      <figcaption data-testid="map-summary">${this.summary}</figcaption>
    </figure>`;
  }

  #pick(point: { lat: number; lon: number }) {
    this.dispatchEvent(new CustomEvent("mm-pick", { detail: point, bubbles: true, composed: true }) satisfies PickEvent);
  }
}

customElements.define("mm-area-map", AreaMapView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-area-map": AreaMapView;
  }
}
