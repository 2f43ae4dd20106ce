/**
 * `<mm-building-map>`: BAG building footprints under a boundary outline under points, on a canvas
 * with pan (drag, arrow keys), zoom (wheel, pinch, + and −) and a scale bar. It asks
 * GET /api/v1/buildings for the view only (a little more, snapped to a grid, so small pans and a
 * pan back need no new request) and asks the user to zoom in when the view is too large for that.
 *
 * After each draw that shows what the view needs (buildings loaded, or none to load) it sets
 * `data-drawn-buildings` and `data-draw-ms` and fires `mm-map-drawn` {buildings, ms}: tests and the
 * browser bench wait for it. Points can be reached with the keyboard through the list under the map.
 *
 * @example
 * html`<mm-building-map .center=${{ lon, lat }} .radiusM=${250} .points=${points} .boundary=${buurt.geometry}></mm-building-map>`
 */
import { LitElement, html, nothing, type PropertyValues } from "lit";
import { api } from "../api-client.ts";
import { describeError } from "../error-text.ts";
import { LangController, lang as currentLang, translate, type Lang } from "../i18n.ts";
import type { MessageKey } from "../messages.ts";
import { baseStyles } from "../styles.ts";
import { buildingMapStyles } from "./building-map-styles.ts";
import { bboxSizeM, MAX_BBOX_SIDE_M } from "../../../src/ground/contract/building-limits.ts";
import { drawBuildingMap, kindColour, kindGlyph, pointAt, pointKinds, toFootprint, type BoundaryGeometry, type MapPointInput } from "./building-map-draw.ts";
import { bboxContains, initialView, panBy, requestBbox, viewBbox, zoomAt, type Bbox, type MapView, type ViewSize } from "./building-map-projection.ts";
import { keyGesture, PointerGestures, wheelFactor, type Gesture } from "./building-map-gestures.ts";
import { pointCounts, renderPointList } from "./building-map-points.ts";
import { countInView, statusText, type Loaded, type Status } from "./building-map-status.ts";
import { scaleBar } from "./scale-bar.ts";

export type { MapPointInput as BuildingMapPoint, PointKind as BuildingMapPointKind } from "./building-map-draw.ts";
export type MapDrawnEvent = CustomEvent<{ buildings: number; ms: number }>;

/** Wait this long after the last pan or zoom before asking for buildings. */
const FETCH_DEBOUNCE_MS = 150;
const ZOOM_STEP = 2;

export class BuildingMap extends LitElement {
  static override properties = {
    center: { attribute: false },
    radiusM: { type: Number, attribute: "radius-m" },
    points: { attribute: false },
    boundary: { attribute: false },
    lang: {},
    height: { type: Number },
    _view: { state: true },
    _size: { state: true },
    _loaded: { state: true },
    _status: { state: true },
    _error: { state: true },
    _focused: { state: true },
  };
  declare center: { lon: number; lat: number } | null;
  declare radiusM: number;
  declare points: readonly MapPointInput[];
  /** An outline to draw, e.g. the buurt: a GeoJSON Polygon or MultiPolygon geometry. */
  declare boundary: BoundaryGeometry | null;
  /** The canvas height in CSS pixels; the width is the container's. */
  declare height: number;
  declare _view: MapView | null;
  declare _size: ViewSize | null;
  declare _loaded: Loaded | null;
  declare _status: Status;
  declare _error: string;
  declare _focused: number | null;

  static override styles = [baseStyles, buildingMapStyles];

  #resize: ResizeObserver | null = null;
  #fetchTimer: ReturnType<typeof setTimeout> | null = null;
  #request: AbortController | null = null;
  #gestures = new PointerGestures();
  /** The centre and radius the current view was made from: a new object with the same values keeps the user's pan. */
  #madeFrom = "";

  constructor() {
    super();
    new LangController(this);
    this.center = null;
    this.radiusM = 250;
    this.points = [];
    this.boundary = null;
    this.height = 360;
    this._view = null;
    this._size = null;
    this._loaded = null;
    this._status = "idle";
    this._error = "";
    this._focused = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#resize = new ResizeObserver(() => this.#measure());
    // Moved in the page: firstUpdated does not run again, so observe here.
    const frame = this.hasUpdated ? this.renderRoot.querySelector(".frame") : null;
    if (frame) this.#resize.observe(frame);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#request?.abort();
    if (this.#fetchTimer) clearTimeout(this.#fetchTimer);
  }

  protected override firstUpdated() {
    this.#resize?.observe(this.renderRoot.querySelector(".frame")!);
    this.#measure();
  }

  #language(): Lang {
    return this.lang === "en" || this.lang === "nl" ? this.lang : currentLang();
  }

  #t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.#language(), key, params);
  }

  #measure() {
    const frame = this.renderRoot.querySelector<HTMLElement>(".frame");
    if (!frame) return;
    const width = Math.max(1, Math.floor(frame.clientWidth));
    if (this._size?.width !== width || this._size.height !== this.height) this._size = { width, height: this.height };
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has("height") && this._size) this._size = { width: this._size.width, height: this.height };
    const madeFrom = this.center ? `${this.center.lon},${this.center.lat},${this.radiusM}` : "";
    if (this._size && madeFrom && (madeFrom !== this.#madeFrom || !this._view)) {
      this.#madeFrom = madeFrom;
      this._view = initialView(this.center!, this.radiusM, this._size);
    }
    if (changed.has("_view") || changed.has("_size")) this.#planFetch(this._view === null || changed.get("_view") === undefined);
  }

  protected override updated(changed: PropertyValues<this>) {
    if (["_view", "_size", "_loaded", "_status", "points", "boundary", "_focused"].some((key) => changed.has(key as keyof BuildingMap))) this.#draw();
  }

  /** Decides whether the view needs buildings it does not have, and asks for them (soon, or at once for a first view). */
  #planFetch(immediately: boolean) {
    if (this.#fetchTimer) clearTimeout(this.#fetchTimer);
    this.#fetchTimer = null;
    if (!this._view || !this._size) return;
    const view = viewBbox(this._view, this._size);
    const { width, height } = bboxSizeM(view);
    if (width > MAX_BBOX_SIDE_M || height > MAX_BBOX_SIDE_M) {
      this.#request?.abort();
      this._status = "too-large";
      return;
    }
    const loaded = this._loaded;
    if (loaded && !loaded.truncated && bboxContains(loaded.bbox, view)) {
      if (this._status !== "loading") this._status = "ready";
      return;
    }
    this._status = "loading";
    const go = () => {
      this.#fetchTimer = null;
      void this.#fetch(requestBbox(view));
    };
    if (immediately) go();
    else this.#fetchTimer = setTimeout(go, FETCH_DEBOUNCE_MS);
  }

  async #fetch(bbox: Bbox) {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    try {
      const answer = await api.get("GET /api/v1/buildings", { query: { bbox: bbox.map((v) => v.toFixed(6)).join(",") }, signal: request.signal });
      if (request.signal.aborted) return;
      this._loaded = {
        bbox: answer.bbox,
        footprints: answer.items.map((item) => toFootprint(item.id, item.rings)),
        truncated: answer.truncated,
        total: answer.total,
      };
      this._status = "ready";
    } catch (error) {
      if (request.signal.aborted) return;
      this._error = describeError(error);
      this._status = "failed";
    } finally {
      if (this.#request === request) this.#request = null;
    }
  }

  /** Whether the picture is final for this view: nothing being waited for. */
  #settled(): boolean {
    return this.#fetchTimer === null && this._status !== "loading" && this._status !== "idle";
  }

  #draw() {
    const canvas = this.renderRoot.querySelector("canvas");
    const view = this._view;
    const size = this._size;
    if (!canvas || !view || !size) return;
    const started = performance.now();
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(size.width * ratio);
    const pixelHeight = Math.round(size.height * ratio);
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const showBuildings = this._status !== "too-large";
    const buildings = drawBuildingMap(ctx, {
      view,
      size,
      footprints: showBuildings ? (this._loaded?.footprints ?? []) : [],
      boundary: this.boundary,
      points: this.points,
      focused: this._focused,
    });
    const ms = Math.round((performance.now() - started) * 10) / 10;
    if (!this.#settled()) return;
    this.dataset.drawnBuildings = String(buildings);
    this.dataset.drawMs = String(ms);
    this.dispatchEvent(new CustomEvent("mm-map-drawn", { detail: { buildings, ms }, bubbles: true, composed: true }) satisfies MapDrawnEvent);
  }

  // Interaction: every handler makes a new view; willUpdate fetches and updated draws.

  #zoom(factor: number, x?: number, y?: number) {
    if (this._view && this._size) this._view = zoomAt(this._view, this._size, factor, x, y);
  }

  #pan(dx: number, dy: number) {
    if (this._view) this._view = panBy(this._view, dx, dy);
  }

  #reset() {
    this.#madeFrom = "";
    this.requestUpdate();
  }

  #apply(gesture: Gesture | null) {
    if (!gesture) return;
    if ("pan" in gesture) this.#pan(...gesture.pan);
    else this.#zoom(gesture.zoom, gesture.x, gesture.y);
  }

  #onKey(event: KeyboardEvent) {
    const gesture = this._size ? keyGesture(event.key, this._size, ZOOM_STEP) : null;
    if (!gesture) return;
    event.preventDefault();
    this.#apply(gesture);
  }

  #onWheel(event: WheelEvent) {
    event.preventDefault();
    this.#zoom(wheelFactor(event), event.offsetX, event.offsetY);
  }

  #onPointerDown(event: PointerEvent) {
    (event.target as HTMLElement).setPointerCapture(event.pointerId);
    this.#gestures.down(event.pointerId, event.offsetX, event.offsetY);
  }

  #onPointerMove(event: PointerEvent) {
    if (!this.#gestures.isDown(event.pointerId)) {
      const hit = this._view && this._size ? pointAt(this.points, this._view, this._size, event.offsetX, event.offsetY) : null;
      (event.target as HTMLElement).style.cursor = hit !== null && this.points[hit]?.href ? "pointer" : "grab";
      return;
    }
    this.#apply(this.#gestures.move(event.pointerId, event.offsetX, event.offsetY));
  }

  #onPointerUp(event: PointerEvent) {
    const wasTap = this.#gestures.up(event.pointerId);
    if (!wasTap || event.type !== "pointerup" || !this._view || !this._size) return;
    const hit = pointAt(this.points, this._view, this._size, event.offsetX, event.offsetY);
    const href = hit === null ? undefined : this.points[hit]?.href;
    if (href) location.assign(href);
  }

  protected override render() {
    const size = this._size;
    const bar = this._view && size ? scaleBar(this._view.mpp, Math.min(120, size.width / 3)) : null;
    const shownKinds = pointKinds.filter((kind) => this.points.some((point) => point.kind === kind));
    return html`
      <div class="frame">
        <canvas
          role="img"
          tabindex="0"
          aria-label=${`${this.#t("buildingMap.label")} ${this.#summary()}`}
          style=${`height: ${this.height}px`}
          @keydown=${this.#onKey}
          @wheel=${this.#onWheel}
          @pointerdown=${this.#onPointerDown}
          @pointermove=${this.#onPointerMove}
          @pointerup=${this.#onPointerUp}
          @pointercancel=${this.#onPointerUp}
        ></canvas>
        <div class="controls">
          <button
            type="button"
            data-testid="map-zoom-in"
            aria-label=${this.#t("buildingMap.zoomIn")}
            title=${this.#t("buildingMap.zoomIn")}
            @click=${() => this.#zoom(ZOOM_STEP)}
          >
            +
          </button>
          <button
            type="button"
            data-testid="map-zoom-out"
            aria-label=${this.#t("buildingMap.zoomOut")}
            title=${this.#t("buildingMap.zoomOut")}
            @click=${() => this.#zoom(1 / ZOOM_STEP)}
          >
            −
          </button>
          <button
            type="button"
            data-testid="map-reset"
            aria-label=${this.#t("buildingMap.reset")}
            title=${this.#t("buildingMap.reset")}
            @click=${() => this.#reset()}
          >
            ⌂
          </button>
        </div>
        <p class="status" role="status" data-testid="map-status">${this.#statusText()}</p>
        ${
          bar
            ? html`<div class="scale" aria-label=${this.#t("buildingMap.scale", { length: bar.label })} data-testid="map-scale">
                <span class="bar" style=${`width: ${bar.px.toFixed(1)}px`}></span>${bar.label}
              </div>`
            : nothing
        }
      </div>
      <ul class="legend" aria-hidden="true">
        <li><span class="building"></span> ${this.#t("buildingMap.legendBuilding")}</li>
        ${this.boundary ? html`<li><span class="boundary"></span> ${this.#t("buildingMap.legendBoundary")}</li>` : nothing}
        ${shownKinds.map(
          (kind) => html`<li><span class="glyph" style=${`color: ${kindColour[kind]}`}>${kindGlyph[kind]}</span> ${this.#t(`buildingMap.kind.${kind}`)}</li>`,
        )}
      </ul>
      <p class="sr-only" data-testid="map-summary">${this.#summary()}</p>
      ${renderPointList(
        this.points,
        (key, params) => this.#t(key, params),
        (index) => (this._focused = index),
      )}
    `;
  }

  #statusText() {
    const text = statusText(this._status, this._error, this._loaded, (key, params) => this.#t(key, params));
    return text ? html`<span>${text}</span>` : nothing;
  }

  /** The text alternative: how many buildings are in view, and the points by kind. */
  #summary(): string {
    const counts = pointCounts(this.points, (key, params) => this.#t(key, params));
    const buildings = this._status === "ready" ? this.#countInView() : 0;
    const points = counts ? this.#t("buildingMap.summaryPoints", { points: counts }) : this.#t("buildingMap.noPoints");
    return `${this.#t("buildingMap.summary", { buildings })} ${points}`;
  }

  #countInView(): number {
    if (!this._loaded || !this._view || !this._size) return 0;
    return countInView(this._loaded, viewBbox(this._view, this._size));
  }
}

customElements.define("mm-building-map", BuildingMap);

declare global {
  interface HTMLElementTagNameMap {
    "mm-building-map": BuildingMap;
  }
}
