/** The building map's projection and scale bar (client/src/charts/building-map-projection.ts, scale-bar.ts). */
import { describe, expect, it } from "vitest";
import {
  bboxContains,
  fetchBbox,
  initialView,
  invert,
  panBy,
  projector,
  requestBbox,
  viewBbox,
  zoomAt,
} from "../../../../client/src/charts/building-map-projection.ts";
import { roundLength, scaleBar } from "../../../../client/src/charts/scale-bar.ts";
import { bboxSizeM, MAX_BBOX_SIDE_M } from "../../../../src/ground/contract/building-limits.ts";

const EARTH_RADIUS_M = 6_371_008.8;
/** Great-circle distance in metres (haversine), independent of the code under test. */
function distanceM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

const centre = { lon: 4.3007, lat: 52.0799 };
const size = { width: 800, height: 500 };

describe("building map projection", () => {
  it("puts the centre in the middle and shows 2·radius across the smaller side", () => {
    const view = initialView(centre, 250, size);
    const project = projector(view, size);
    expect(project(centre.lon, centre.lat)).toEqual([400, 250]);
    const top = invert(view, size, 400, 0);
    const bottom = invert(view, size, 400, 500);
    expect(distanceM(top, bottom)).toBeCloseTo(500, -1);
  });

  it("opens a wide, low map no wider than the buildings are served for", () => {
    const wide = { width: 1200, height: 300 };
    const view = initialView(centre, 500, wide);
    const { width, height } = bboxSizeM(viewBbox(view, wide));
    expect(width).toBeLessThanOrEqual(MAX_BBOX_SIDE_M);
    expect(height).toBeLessThanOrEqual(1000);
  });

  it("keeps metres equal in both directions (x scaled by cos(lat)), within 0.5 % of great-circle distance", () => {
    const view = initialView(centre, 500, size);
    const east = invert(view, size, 400 + 200, 250);
    const north = invert(view, size, 400, 250 - 200);
    const dEast = distanceM(centre, east);
    const dNorth = distanceM(centre, north);
    expect(Math.abs(dEast - dNorth) / dNorth).toBeLessThan(0.005);
    expect(Math.abs(dNorth - 200 * view.mpp) / dNorth).toBeLessThan(0.005);
  });

  it("inverts what it projects", () => {
    const view = { center: centre, mpp: 0.7, refLat: 52 };
    const project = projector(view, size);
    const [x, y] = project(4.31, 52.075);
    const back = invert(view, size, x, y);
    expect(back.lon).toBeCloseTo(4.31, 9);
    expect(back.lat).toBeCloseTo(52.075, 9);
  });

  it("pans so the map follows the drag, and zooms about the pointer", () => {
    const view = initialView(centre, 250, size);
    const before = projector(view, size)(centre.lon, centre.lat);
    const panned = panBy(view, 30, -20);
    const after = projector(panned, size)(centre.lon, centre.lat);
    expect(after[0] - before[0]).toBeCloseTo(30, 6);
    expect(after[1] - before[1]).toBeCloseTo(-20, 6);

    const anchor = invert(view, size, 100, 80);
    const zoomed = zoomAt(view, size, 2, 100, 80);
    expect(zoomed.mpp).toBeCloseTo(view.mpp / 2, 9);
    const [ax, ay] = projector(zoomed, size)(anchor.lon, anchor.lat);
    expect(ax).toBeCloseTo(100, 6);
    expect(ay).toBeCloseTo(80, 6);
  });

  it("gives the view's box west, south, east, north, and widens and snaps a box to ask for", () => {
    const view = initialView(centre, 250, size);
    const box = viewBbox(view, size);
    expect(box[0]).toBeLessThan(centre.lon);
    expect(box[2]).toBeGreaterThan(centre.lon);
    expect(box[1]).toBeLessThan(centre.lat);
    expect(box[3]).toBeGreaterThan(centre.lat);
    const asked = fetchBbox(box, 0.5);
    expect(bboxContains(asked, box)).toBe(true);
    for (const value of asked) expect(Math.abs(value * 1000 - Math.round(value * 1000))).toBeLessThan(1e-6);
    // A pan by a quarter of the view stays inside it: no new request.
    expect(bboxContains(asked, viewBbox(panBy(view, size.width / 4, size.height / 4), size))).toBe(true);
  });

  it("never asks for more than the server answers", () => {
    // 2.9 × 1.8 km: the view fits, a 50 % margin would not.
    const view = initialView(centre, 900, size);
    const box = viewBbox(view, size);
    const asked = requestBbox(box);
    const { width, height } = bboxSizeM(asked);
    expect(width).toBeLessThanOrEqual(MAX_BBOX_SIDE_M);
    expect(height).toBeLessThanOrEqual(MAX_BBOX_SIDE_M);
    expect(bboxContains(asked, box)).toBe(true);
  });
});

describe("scale bar", () => {
  it("rounds down to 1, 2 or 5 × 10ⁿ metres", () => {
    expect([0.3, 1, 1.9, 2, 4.99, 5, 9.9, 10, 73, 120, 199, 200, 480, 500, 999, 1000, 1999, 4999, 5000, 12_345].map(roundLength)).toEqual([
      1, 1, 1, 2, 2, 5, 5, 10, 50, 100, 100, 200, 200, 500, 500, 1000, 1000, 2000, 5000, 10_000,
    ]);
  });

  it("labels metres and kilometres and is as long on screen as its length", () => {
    expect(scaleBar(1, 120)).toEqual({ metres: 100, px: 100, label: "100 m" });
    expect(scaleBar(10, 120)).toEqual({ metres: 1000, px: 100, label: "1 km" });
    const bar = scaleBar(3.7, 120);
    expect(bar).toMatchObject({ metres: 200, label: "200 m" });
    expect(bar.px).toBeCloseTo(200 / 3.7, 9);
    expect(bar.px).toBeLessThanOrEqual(120);
  });
});
