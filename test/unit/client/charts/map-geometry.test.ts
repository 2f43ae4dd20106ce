// @vitest-environment jsdom
/**
 * The maps' geometry (client/src/charts/map-geometry.ts): the radius circle, the bounds of GeoJSON,
 * and the inverse of Plot's fitted Mercator projection — checked against the projection Plot really
 * hands a render function, which is why this file needs a DOM.
 */
import * as Plot from "@observablehq/plot";
import { describe, expect, it } from "vitest";
import { circlePolygon, geoBounds, projectionInverter, type StreamProjection } from "../../../../client/src/charts/map-geometry.ts";

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine), computed independently of the code under test. */
function distanceM(a: { lat: number; lon: number }, [lon, lat]: [number, number]): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(lat * rad) * Math.sin(((lon - a.lon) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/** Twice the signed planar area of a ring: negative when it runs clockwise. */
function signedArea(ring: [number, number][]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum;
}

const centre = { lat: 52.0907, lon: 5.1214 };

describe("circlePolygon", () => {
  it("is a closed ring of steps + 1 points, every one the radius away from the centre", () => {
    const circle = circlePolygon(centre, 500);
    const ring = circle.coordinates[0]!;
    expect(circle.type).toBe("Polygon");
    expect(ring).toHaveLength(73);
    expect(ring.at(-1)).toEqual(ring[0]);
    for (const point of ring) expect(distanceM(centre, point)).toBeCloseTo(500, 6);
    expect(circlePolygon(centre, 2000, 8).coordinates[0]).toHaveLength(9);
  });

  it("starts due north and runs clockwise, which d3-geo reads as the small area inside", () => {
    const ring = circlePolygon(centre, 500, 4).coordinates[0]!;
    const [north, east, south, west] = ring;
    expect(north![0]).toBeCloseTo(centre.lon, 12);
    expect(north![1]).toBeGreaterThan(centre.lat);
    expect(east![0]).toBeGreaterThan(centre.lon);
    expect(south![1]).toBeLessThan(centre.lat);
    expect(west![0]).toBeLessThan(centre.lon);
    expect(signedArea(circlePolygon(centre, 500).coordinates[0]!)).toBeLessThan(0);
  });

  it("shrinks to its centre at radius zero", () => {
    for (const [lon, lat] of circlePolygon(centre, 0, 6).coordinates[0]!) {
      expect(lon).toBeCloseTo(centre.lon, 12);
      expect(lat).toBeCloseTo(centre.lat, 12);
    }
  });
});

describe("geoBounds", () => {
  it("finds the extremes of every coordinate pair, however deeply nested", () => {
    const collection = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { name: "A", rank: 3 }, geometry: { type: "Point", coordinates: [5.1, 52.1] } },
        {
          type: "Feature",
          properties: {},
          geometry: {
            type: "MultiPolygon",
            coordinates: [
              [
                [
                  [5.06, 52.05],
                  [5.19, 52.05],
                  [5.19, 52.13],
                  [5.06, 52.05],
                ],
              ],
              [
                [
                  [4.9, 52.2],
                  [4.95, 52.2],
                  [4.9, 52.25],
                  [4.9, 52.2],
                ],
              ],
            ],
          },
        },
      ],
    };
    expect(geoBounds(collection)).toEqual({ west: 4.9, south: 52.05, east: 5.19, north: 52.25 });
    expect(geoBounds({ type: "Point", coordinates: [-73.98, 40.75] })).toEqual({ west: -73.98, south: 40.75, east: -73.98, north: 40.75 });
  });

  it("is null when there are no coordinates", () => {
    expect(geoBounds({ type: "FeatureCollection", features: [] })).toBeNull();
    expect(geoBounds(null)).toBeNull();
    expect(geoBounds("5.1,52.1")).toBeNull();
    expect(geoBounds([["5.1", "52.1"]])).toBeNull();
  });
});

describe("projectionInverter", () => {
  const area = {
    type: "Polygon",
    coordinates: [
      [
        [5.06, 52.05],
        [5.06, 52.13],
        [5.19, 52.13],
        [5.19, 52.05],
        [5.06, 52.05],
      ],
    ],
  };
  const bounds = { west: 5.06, south: 52.05, east: 5.19, north: 52.13 };

  /** The projection Plot fits to `area` at 480 px wide, as a render function receives it. */
  function plotProjection(): StreamProjection {
    let captured: StreamProjection | undefined;
    Plot.plot({
      width: 480,
      projection: { type: "mercator", domain: area },
      marks: [
        Plot.geo(area),
        (_index, _scales, _values, _dimensions, context) => {
          captured = context.projection as StreamProjection | undefined;
          return null;
        },
      ],
    });
    if (!captured) throw new Error("Plot handed the render function no projection");
    return captured;
  }

  /** Where the projection puts a point, read through its stream as the code under test does. */
  function project(projection: StreamProjection, lon: number, lat: number): [number, number] {
    let out: [number, number] = [Number.NaN, Number.NaN];
    const noop = () => {};
    projection.stream({ point: (x, y) => (out = [x, y]), lineStart: noop, lineEnd: noop, polygonStart: noop, polygonEnd: noop, sphere: noop }).point(lon, lat);
    return out;
  }

  it("turns a pixel of Plot's fitted Mercator map back into the degrees drawn there, to well under a metre", () => {
    const projection = plotProjection();
    const invert = projectionInverter(projection, bounds);
    expect(invert).not.toBeNull();
    for (const point of [
      { lon: 5.1214, lat: 52.0907 },
      { lon: 5.06, lat: 52.05 },
      { lon: 5.19, lat: 52.13 },
      { lon: 5.075, lat: 52.12 },
    ]) {
      const [x, y] = project(projection, point.lon, point.lat);
      const back = invert!(x, y);
      expect(distanceM(point, [back.lon, back.lat])).toBeLessThan(0.01);
    }
  });

  it("is null when the projection drops the points (outside the frame) or puts them on one line", () => {
    const dropping: StreamProjection = { stream: (sink) => ({ ...sink, point: () => {} }) };
    expect(projectionInverter(dropping, bounds)).toBeNull();
    const flat: StreamProjection = { stream: (sink) => ({ ...sink, point: (x) => sink.point(x, 100) }) };
    expect(projectionInverter(flat, bounds)).toBeNull();
  });
});
