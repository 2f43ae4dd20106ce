/**
 * What areas are compared on (client/src/area-figures.ts): the rate for counts, rates with two
 * decimals, the gap as a share of the target, and the area profile's grouping per theme.
 */
import { describe, expect, it, vi } from "vitest";

// i18n.ts (loaded through format.ts) sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { comparedValue, comparisonOf, formatRate, groupByTheme, relativeGap } from "../../../client/src/area-figures.ts";

describe("comparedValue", () => {
  it("is the rate for an indicator compared as a rate, and the value otherwise", () => {
    expect(comparedValue({ value: 22, rate: 1.43 }, true)).toBe(1.43);
    expect(comparedValue({ value: 31.86, rate: null }, false)).toBe(31.86);
    // A count without a denominator has no rate: it is not compared on its raw count instead.
    expect(comparedValue({ value: 22, rate: null }, true)).toBeNull();
  });
});

describe("formatRate and comparisonOf", () => {
  it("writes a rate with at most two decimals, where the count's unit would round it away", () => {
    expect(formatRate(0.81, "nl")).toBe("0,81");
    expect(formatRate(18.2, "en")).toBe("18.2");
    expect(formatRate(0.66, "nl", { signed: true })).toBe("+0,66");
  });

  it("labels a rate with its own words and a value with the indicator's unit", () => {
    const rate = comparisonOf("klachten", "klachten per 1.000 inwoners", "nl");
    expect(rate.rated).toBe(true);
    expect(`${rate.format(0.76)} ${rate.unit(0.76)}`).toBe("0,76 klachten per 1.000 inwoners");
    const share = comparisonOf("%", null, "nl");
    expect(share.rated).toBe(false);
    expect(`${share.format(31.86)} ${share.unit()}`).toBe("31,9 %");
    const count = comparisonOf("klachten", null, "en");
    expect(`${count.format(1)} ${count.unit(1)}`).toBe("1 complaint");
  });
});

describe("relativeGap", () => {
  it("is the gap as a share of the target, so indicators of different units compare", () => {
    expect(relativeGap(3, 26)).toBeCloseTo(0.1154, 4);
    expect(relativeGap(0, 40)).toBe(0);
    expect(relativeGap(2, -4)).toBe(0.5);
  });

  it("is the gap itself for a target of 0, and null without a gap or a target", () => {
    expect(relativeGap(5, 0)).toBe(5);
    expect(relativeGap(null, 10)).toBeNull();
    expect(relativeGap(3, null)).toBeNull();
  });
});

describe("groupByTheme", () => {
  const themes = [
    { id: "air", name: "Lucht" },
    { id: "noise", name: "Geluid" },
  ];

  it("groups in the themes' order, keeping each theme's indicators in their order", () => {
    const groups = groupByTheme(
      [
        { id: "b", themeId: "noise" },
        { id: "a", themeId: "air" },
        { id: "c", themeId: "noise" },
      ],
      themes,
      "Overige",
    );
    expect(groups.map((group) => [group.name, group.indicators.map((indicator) => indicator.id)])).toEqual([
      ["Lucht", ["a"]],
      ["Geluid", ["b", "c"]],
    ]);
  });

  it("puts a theme the list doesn't know last, under the given name", () => {
    const groups = groupByTheme(
      [
        { id: "x", themeId: "new" },
        { id: "a", themeId: "air" },
      ],
      themes,
      "Overige",
    );
    expect(groups.map((group) => [group.id, group.name])).toEqual([
      ["air", "Lucht"],
      ["new", "Overige"],
    ]);
  });
});
