/**
 * Indicator units in the client (client/src/messages/units.ts, client/src/number-format.ts): every
 * unit of every indicator the server has is named in both languages and has a decimals rule, so a
 * new indicator with a new unit fails here until the client knows it; counts are whole numbers.
 */
import { describe, expect, it, vi } from "vitest";

// i18n.ts sets the page's language when it loads: a page for it to set.
vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { themes } from "../../../src/engine/themes/index.ts";
import { decimalsFor, formatQuantity, formatUnit, formatValue, unitDecimals } from "../../../client/src/format.ts";
import { unitNames } from "../../../client/src/messages/units.ts";

const indicatorUnits = [...new Set(themes.flatMap((theme) => theme.indicators.map((indicator) => indicator.unit)))].sort();
const counts = ["klachten", "bomen", "laadpunten"];

describe("the unit catalogue", () => {
  it("names every unit of every indicator in Dutch and English, and gives each a decimals rule", () => {
    expect(indicatorUnits.length).toBeGreaterThan(0);
    for (const unit of indicatorUnits) {
      expect(Object.hasOwn(unitNames, unit), `unit ${unit} has no name in client/src/messages/units.ts`).toBe(true);
      expect(Object.hasOwn(unitDecimals, unit), `unit ${unit} has no decimals in client/src/number-format.ts`).toBe(true);
      for (const language of ["nl", "en"] as const) {
        expect(formatUnit(unit, language).trim(), `${unit} in ${language}`).not.toBe("");
        expect(formatUnit(unit, language, 1).trim(), `${unit} in ${language}, singular`).not.toBe("");
      }
    }
  });

  it("has no names or rules for units no indicator uses, and the same units in both tables", () => {
    expect(Object.keys(unitNames).sort()).toEqual(indicatorUnits);
    expect(Object.keys(unitDecimals).sort()).toEqual(indicatorUnits);
  });

  it("translates the Dutch words of counted units, with a singular for one", () => {
    expect(formatUnit("klachten", "en")).toBe("complaints");
    expect(formatUnit("klachten", "nl")).toBe("klachten");
    expect(formatUnit("bomen", "en")).toBe("trees");
    expect(formatUnit("laadpunten", "en")).toBe("charging points");
    expect(formatUnit("klachten", "nl", 1)).toBe("klacht");
    expect(formatUnit("bomen", "en", 1)).toBe("tree");
    // What is shown decides: 0.6 complaints is shown as "1".
    expect(formatQuantity(0.6, "klachten", "en")).toBe("1 complaint");
    expect(formatQuantity(2, "klachten", "en")).toBe("2 complaints");
    expect(formatQuantity(0, "klachten", "nl")).toBe("0 klachten");
  });

  it("shows a unit the client doesn't know as the server sent it, with one decimal", () => {
    expect(formatUnit("dB(A)", "en")).toBe("dB(A)");
    expect(decimalsFor("dB(A)")).toBe(1);
    expect(formatValue(61.26, "dB(A)", "nl")).toBe("61,3");
  });
});

describe("one decimals rule per unit", () => {
  it("writes counts as whole numbers: forecasts, intervals and pace included", () => {
    for (const unit of counts) {
      expect(unitDecimals[unit as keyof typeof unitDecimals], unit).toBe(0);
      expect(formatValue(107.6, unit, "nl")).toBe("108");
      expect(formatValue(68.5, unit, "en")).toBe("69");
      expect(formatValue(-2.4, unit, "nl", { signed: true })).toBe("-2");
      expect(formatValue(0.3, unit, "nl", { signed: true })).toBe("0");
    }
  });

  it("gives concentrations and shares one decimal, large energy and use figures none", () => {
    expect(formatValue(19.04, "µg/m³", "nl")).toBe("19");
    expect(formatValue(9.58, "µg/m³", "nl")).toBe("9,6");
    expect(formatValue(12.34, "%", "en")).toBe("12.3");
    expect(formatValue(635.24, "kton", "nl")).toBe("635,2");
    expect(formatValue(1100.4, "TJ", "nl")).toBe("1.100");
    expect(formatValue(180.6, "kg", "nl")).toBe("181");
    expect(formatValue(1234.5, "m³", "en")).toBe("1,235");
    expect(formatValue(2790.2, "kWh", "nl")).toBe("2.790");
  });

  it("keeps every rule between none and two decimals", () => {
    for (const [unit, decimals] of Object.entries(unitDecimals)) expect([0, 1, 2], unit).toContain(decimals);
  });
});
