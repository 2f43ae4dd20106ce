import { describe, expect, it } from "vitest";
import { generateGeography, randomPointIn } from "../../../data/demo/geography.ts";
import { createRandom } from "../../../data/demo/random.ts";
import { pointInGeometry, pointInRing, type Ring } from "../../../src/ground/geometry.ts";

const square = (x: number, y: number, size: number): Ring => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe("point in polygon", () => {
  it("tells inside from outside, respecting holes and every part of a MultiPolygon", () => {
    expect(pointInRing([0.5, 0.5], square(0, 0, 1))).toBe(true);
    expect(pointInRing([1.5, 0.5], square(0, 0, 1))).toBe(false);
    const donut = { type: "Polygon" as const, coordinates: [square(0, 0, 3), square(1, 1, 1)] };
    expect(pointInGeometry([0.5, 0.5], donut)).toBe(true);
    expect(pointInGeometry([1.5, 1.5], donut)).toBe(false);
    const islands = { type: "MultiPolygon" as const, coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] };
    expect(pointInGeometry([5.5, 5.5], islands)).toBe(true);
    expect(pointInGeometry([3, 3], islands)).toBe(false);
  });
});

describe("the demo geography", () => {
  const geography = generateGeography(createRandom(11));

  it("has 10 wijken and 50 buurten with CBS-style codes nested in their parents", () => {
    expect(geography.wijken).toHaveLength(10);
    expect(geography.buurten).toHaveLength(50);
    for (const buurt of geography.buurten) {
      expect(buurt.code).toMatch(/^BU9999\d{4}$/);
      expect(buurt.parent).toBe(`WK${buurt.code.slice(2, 8)}`);
    }
  });

  it("tiles the municipality: every point in it lies in exactly one buurt and in its buurt's wijk", () => {
    const random = createRandom(3);
    for (let i = 0; i < 5000; i++) {
      const point = randomPointIn(geography.gemeente, random);
      const buurten = geography.buurten.filter((b) => pointInRing(point, b.ring));
      expect(buurten).toHaveLength(1);
      const wijk = geography.wijken.find((w) => w.code === buurten[0]!.parent)!;
      expect(pointInRing(point, wijk.ring)).toBe(true);
    }
  });
});
