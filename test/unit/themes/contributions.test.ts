import { describe, expect, it } from "vitest";
import { pipelinesReadBy } from "../../../src/engine/pipelines/pipelines-read-by.ts";
import { themes } from "../../../src/engine/themes/index.ts";
import {
  additiveContributions,
  lmdiContributions,
  logMean,
  perCapitaEffects,
  residualOf,
  type WeightedItem,
} from "../../../src/engine/themes/contributions.ts";

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const weightedMean = (items: readonly WeightedItem[], side: "from" | "to") => sum(items.map((i) => (i[side] ? i[side].share * i[side].value : 0)));

describe("logMean", () => {
  it("is (a − b) / ln(a / b), with its limits at equal values and at zero", () => {
    expect(logMean(4, 6)).toBeCloseTo(2 / Math.log(6 / 4), 12);
    expect(logMean(6, 4)).toBeCloseTo(logMean(4, 6), 12);
    expect(logMean(5, 5)).toBe(5);
    expect(logMean(5, 0)).toBe(0);
    expect(logMean(0, 5)).toBe(0);
    expect(logMean(0, 0)).toBe(0);
  });

  it("stays accurate for values that differ in the last digits", () => {
    const a = 1000;
    const b = 1000 * (1 + 1e-12);
    expect(logMean(a, b)).toBeCloseTo(1000, 6);
  });

  it("is −L(−a, −b) for two negatives and undefined for opposite signs", () => {
    expect(logMean(-4, -6)).toBeCloseTo(-logMean(4, 6), 12);
    expect(logMean(-4, 6)).toBeNaN();
  });
});

describe("additive contributions", () => {
  it("gives each part its own change, absent counting as zero, and sums exactly to the total's change", () => {
    const items = [
      { key: "homes", from: 190.4, to: 150.1 },
      { key: "traffic", from: 160.2, to: 166.3 },
      { key: "new", from: null, to: 3.5 },
      { key: "gone", from: 2.5, to: null },
    ];
    const parts = additiveContributions(items);
    expect(parts.map((p) => p.contribution)).toEqual([150.1 - 190.4, 166.3 - 160.2, 3.5, -2.5]);
    const change = sum(items.map((i) => i.to ?? 0)) - sum(items.map((i) => i.from ?? 0));
    expect(Math.abs(residualOf(change, parts))).toBeLessThan(1e-9);
    expect(parts.every((p) => p.effects === null)).toBe(true);
  });
});

describe("LMDI-I for a weighted mean", () => {
  // A worked two-sector case in the layout of Ang (2005, "The LMDI approach to decomposition analysis:
  // a practical guide", additive formulae): V = Σ sᵢ·vᵢ from 0.6·10 + 0.4·20 = 14 to 0.5·8 + 0.5·30 = 19.
  // The expected effects were computed by hand from L(a, b) = (a − b)/(ln a − ln b):
  //   A: L(4, 6) = 4.932616; mix = L·ln(0.5/0.6) = −0.899321; intensity = L·ln(8/10) = −1.100679
  //   B: L(15, 8) = 11.135674; mix = L·ln(0.5/0.4) = 2.484861; intensity = L·ln(30/20) = 4.515139
  const worked: WeightedItem[] = [
    { key: "A", from: { share: 0.6, value: 10 }, to: { share: 0.5, value: 8 } },
    { key: "B", from: { share: 0.4, value: 20 }, to: { share: 0.5, value: 30 } },
  ];

  it("reproduces the worked example's mix and intensity effects", () => {
    const [a, b] = lmdiContributions(worked);
    expect(a!.effects!.mix).toBeCloseTo(-0.899321, 6);
    expect(a!.effects!.intensity).toBeCloseTo(-1.100679, 6);
    expect(b!.effects!.mix).toBeCloseTo(2.484861, 6);
    expect(b!.effects!.intensity).toBeCloseTo(4.515139, 6);
    expect(a!.contribution).toBeCloseTo(-2, 12);
    expect(b!.contribution).toBeCloseTo(7, 12);
  });

  it("splits each part so that mix + intensity is its contribution, and intensity is L·ln(vᵀ/v⁰)", () => {
    for (const part of lmdiContributions(worked)) {
      const item = worked.find((i) => i.key === part.key)!;
      const weight = logMean(item.to!.share * item.to!.value, item.from!.share * item.from!.value);
      expect(part.effects!.intensity).toBeCloseTo(weight * Math.log(item.to!.value / item.from!.value), 12);
      expect(Math.abs(part.effects!.mix + part.effects!.intensity - part.contribution)).toBeLessThan(1e-12);
    }
  });

  it("is exact: the parts add up to the change of V to 1e-9, for many random cases", () => {
    // A fixed linear congruential sequence: the same cases every run.
    let seed = 20_240_611;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(next() * 12);
      const raw = Array.from({ length: n }, () => ({
        w0: next() < 0.1 ? 0 : next(),
        w1: next() < 0.1 ? 0 : next(),
        v0: next() < 0.1 ? 0 : next() * 100,
        v1: next() < 0.1 ? 0 : next() * 100,
      }));
      const total0 = sum(raw.map((r) => r.w0)) || 1;
      const total1 = sum(raw.map((r) => r.w1)) || 1;
      const items: WeightedItem[] = raw.map((r, i) => ({
        key: String(i),
        from: r.w0 === 0 ? null : { share: r.w0 / total0, value: r.v0 },
        to: r.w1 === 0 ? null : { share: r.w1 / total1, value: r.v1 },
      }));
      const parts = lmdiContributions(items);
      const change = weightedMean(items, "to") - weightedMean(items, "from");
      expect(Math.abs(residualOf(change, parts))).toBeLessThan(1e-9);
      for (const part of parts) expect(Math.abs(part.effects!.mix + part.effects!.intensity - part.contribution)).toBeLessThan(1e-9);
    }
  });

  it("handles zeros by the limits: a part that appears is all mix, a value that was zero is all intensity", () => {
    const [appears, fromZeroValue, toZeroValue, disappears, nothing] = lmdiContributions([
      { key: "appears", from: null, to: { share: 0.2, value: 50 } },
      { key: "from-zero", from: { share: 0.3, value: 0 }, to: { share: 0.3, value: 40 } },
      { key: "to-zero", from: { share: 0.3, value: 40 }, to: { share: 0.25, value: 0 } },
      { key: "disappears", from: { share: 0.4, value: 10 }, to: null },
      { key: "nothing", from: { share: 0.1, value: 0 }, to: { share: 0.2, value: 0 } },
    ]);
    expect(appears).toEqual({ key: "appears", contribution: 10, effects: { mix: 10, intensity: 0 } });
    expect(fromZeroValue!.effects).toEqual({ mix: 0, intensity: 12 });
    expect(toZeroValue!.effects).toEqual({ mix: 0, intensity: -12 });
    expect(disappears!.effects).toEqual({ mix: -4, intensity: 0 });
    expect(nothing).toEqual({ key: "nothing", contribution: 0, effects: { mix: 0, intensity: 0 } });
  });

  it("gives equal values no effect and a pure shift of weight only a mix effect", () => {
    const [same] = lmdiContributions([{ key: "same", from: { share: 0.5, value: 20 }, to: { share: 0.5, value: 20 } }]);
    expect(same).toEqual({ key: "same", contribution: 0, effects: { mix: 0, intensity: 0 } });
    const [shift] = lmdiContributions([{ key: "shift", from: { share: 0.4, value: 20 }, to: { share: 0.5, value: 20 } }]);
    expect(shift!.effects!.mix).toBeCloseTo(2, 12);
    expect(shift!.effects!.intensity).toBeCloseTo(0, 12);
  });
});

describe("LMDI-I for a per-capita figure V = T / P", () => {
  it("reproduces a worked example: 200 → 180 kg per inhabitant while the population grows 100,000 → 110,000", () => {
    // By hand: T⁰ = 20,000,000 kg, T¹ = 19,800,000 kg; L(180, 200) = 20 / ln(200/180) = 189.8244…;
    // total effect = 189.8244 · ln(0.99) = −1.9078; population effect = −189.8244 · ln(1.1) = −18.0922.
    const effects = perCapitaEffects({ value: 200, population: 100_000 }, { value: 180, population: 110_000 });
    expect(effects.total).toBeCloseTo(-1.9078, 4);
    expect(effects.population).toBeCloseTo(-18.0922, 4);
    expect(effects.total + effects.population).toBe(-20);
  });

  it("gives L(V¹, V⁰)·ln(T¹/T⁰) and −L(V¹, V⁰)·ln(P¹/P⁰), adding up to ΔV to 1e-9 for many random cases", () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let n = 0; n < 500; n++) {
      const from = { value: 50 + next() * 300, population: 1_000 + next() * 900_000 };
      const to = { value: 50 + next() * 300, population: from.population * (0.8 + next() * 0.4) };
      const { total, population } = perCapitaEffects(from, to);
      const weight = logMean(to.value, from.value);
      expect(Math.abs(total + population - (to.value - from.value))).toBeLessThan(1e-9);
      expect(Math.abs(total - weight * Math.log((to.value * to.population) / (from.value * from.population)))).toBeLessThan(1e-9);
      expect(Math.abs(population + weight * Math.log(to.population / from.population))).toBeLessThan(1e-9);
    }
  });

  it("gives an unchanged population no effect, and an unchanged total all of the change as the population's", () => {
    expect(perCapitaEffects({ value: 232.1, population: 98_000 }, { value: 151.4, population: 98_000 })).toEqual({ total: 151.4 - 232.1, population: 0 });
    const shared = perCapitaEffects({ value: 200, population: 100_000 }, { value: 160, population: 125_000 });
    expect(shared.total).toBeCloseTo(0, 9);
    expect(shared.population).toBeCloseTo(-40, 9);
  });

  it("puts the whole change on the total where V is zero in one period, and refuses a population that is not positive", () => {
    expect(perCapitaEffects({ value: 0, population: 100 }, { value: 5, population: 120 })).toEqual({ total: 5, population: 0 });
    expect(() => perCapitaEffects({ value: 1, population: 0 }, { value: 5, population: 120 })).toThrow(RangeError);
  });
});

describe("declared parts", () => {
  const declaring = themes.flatMap((t) => t.indicators).filter((i) => i.parts);

  it("are declared for CO2 by sector, renewable energy by source and residual waste by stream, on totals without disclosure control", () => {
    expect(declaring.map((i) => [i.id, i.parts!.by])).toEqual([
      ["co2-emissions", "sector"],
      ["renewable-energy", "source"],
      ["residual-waste", "stream"],
    ]);
    expect(declaring.every((i) => i.disclosure === null && i.rollup === "sum")).toBe(true);
  });

  it("read only tables of the indicator's own pipelines, so its data version covers them", () => {
    for (const indicator of declaring) expect(indicator.pipelines).toEqual(expect.arrayContaining(pipelinesReadBy(indicator.parts!.sql)));
  });
});
