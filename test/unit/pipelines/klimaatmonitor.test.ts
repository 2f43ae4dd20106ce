/**
 * The Klimaatmonitor connector's pure parts: reading a gemeente's ExternalCode in every form it may take,
 * a ValueString and a Period, a catalogue item's id, adding variables up per complete year, and the
 * variables file (the shipped one and the errors of a wrong one). The HTTP side is in
 * test/integration/klimaatmonitor.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { co2Sectors } from "../../../src/pipelines/co2-emissions.ts";
import { energyCarriers, energySectors } from "../../../src/pipelines/energy-use.ts";
import { renewableSources } from "../../../src/pipelines/renewable-energy.ts";
import {
  externalCodeFilter,
  isMunicipalityRow,
  municipalityDigits,
  nearestIds,
  parseValue,
  toRecords,
  variableIdOf,
  yearOf,
  yearRanges,
} from "../../../src/pipelines/sources/klimaatmonitor-records.ts";
import { loadDatasetVariables, type VariableMapping } from "../../../src/pipelines/sources/klimaatmonitor-variables.ts";

describe("a gemeente's ExternalCode", () => {
  it.each(["GM0518", "0518", "518", "gemeente_518", "gemeente_0518", "GM0518    ", " 518", "gm0518"])("%j is GM0518", (code) => {
    expect(municipalityDigits(code)).toBe("0518");
  });

  it("may be a number", () => {
    expect(municipalityDigits(518)).toBe("0518");
    expect(municipalityDigits(1900)).toBe("1900");
  });

  it.each(["res_14", "provincie_27", "WK051801", "BU05180101", "GM05180", "05180", "", "GM", null, undefined])("%j is no gemeente", (code) => {
    expect(municipalityDigits(code)).toBeNull();
  });

  it("is asked for in each spelling the service might use", () => {
    expect(externalCodeFilter("GM0518")).toBe("ExternalCode eq 'GM0518' or ExternalCode eq '0518' or ExternalCode eq '518' or ExternalCode eq 'gemeente_518'");
    expect(externalCodeFilter("GM1900")).toBe("ExternalCode eq 'GM1900' or ExternalCode eq '1900' or ExternalCode eq 'gemeente_1900'");
  });

  it("picks the municipality's rows only, at the gemeente level when a row names its level", () => {
    expect(isMunicipalityRow({ ExternalCode: "518", GeoLevel: "gemeente" }, "GM0518")).toBe(true);
    expect(isMunicipalityRow({ ExternalCode: "GM0518" }, "GM0518")).toBe(true);
    expect(isMunicipalityRow({ ExternalCode: "518", GeoLevel: "provincie" }, "GM0518")).toBe(false);
    expect(isMunicipalityRow({ ExternalCode: "GM0599", GeoLevel: "gemeente" }, "GM0518")).toBe(false);
    expect(isMunicipalityRow({ Code: "GM0518" }, "GM0518")).toBe(false);
    expect(isMunicipalityRow(null, "GM0518")).toBe(false);
  });
});

describe("a catalogue item's id", () => {
  it("is its ExternalCode, else its Id, else its Name", () => {
    expect(variableIdOf({ ExternalCode: "zonpvtj", Name: "Zonnestroom (TJ)" })).toBe("zonpvtj");
    expect(variableIdOf({ Id: "zonpvtj", Name: "Zonnestroom (TJ)" })).toBe("zonpvtj");
    expect(variableIdOf({ Id: 4711, Name: "zonpvtj" })).toBe("zonpvtj");
    expect(variableIdOf({ Name: "zonpvtj" })).toBe("zonpvtj");
    expect(variableIdOf({ Title: "zonpvtj" })).toBeNull();
    expect(variableIdOf("zonpvtj")).toBeNull();
  });
});

describe("a ValueString and a Period", () => {
  it("read '?', '' and no value as missing, a number as a value, anything else as bad", () => {
    expect(parseValue("?")).toEqual({ kind: "missing" });
    expect(parseValue("")).toEqual({ kind: "missing" });
    expect(parseValue(" ")).toEqual({ kind: "missing" });
    expect(parseValue(null)).toEqual({ kind: "missing" });
    expect(parseValue(undefined)).toEqual({ kind: "missing" });
    expect(parseValue("1234.5")).toEqual({ kind: "value", value: 1234.5 });
    expect(parseValue("-3")).toEqual({ kind: "value", value: -3 });
    expect(parseValue("1.5e3")).toEqual({ kind: "value", value: 1500 });
    expect(parseValue(12)).toEqual({ kind: "value", value: 12 });
    expect(parseValue("12,5")).toEqual({ kind: "bad", raw: "12,5" });
    expect(parseValue("n.v.t.")).toEqual({ kind: "bad", raw: "n.v.t." });
  });

  it("read a year written as text or as a number", () => {
    expect(yearOf("2019")).toBe(2019);
    expect(yearOf(2019)).toBe(2019);
    expect(yearOf("2019Q1")).toBeNull();
    expect(yearOf("19")).toBeNull();
  });
});

type Sector = { sector: readonly ["homes", "services", "traffic"] };
const variable = (id: string, sector: "homes" | "services" | "traffic", factor = 1): VariableMapping<Sector> => ({
  id,
  category: { sector },
  unit: "kton",
  factor,
  guessed: false,
});
const rows = (values: Record<number, unknown>) => Object.entries(values).map(([year, value]) => ({ period: year, value }));

describe("the records of a dataset", () => {
  const variables = [variable("homes", "homes"), variable("commercial", "services", 0.001), variable("public", "services"), variable("traffic", "traffic")];

  it("add variables up per category, times their factors, in the years every variable has a value from fromYear", () => {
    const { records, years, yearsWithValues } = toRecords(
      variables,
      new Map([
        ["homes", rows({ 2009: "1", 2010: "100", 2011: "90", 2012: "80" })],
        ["commercial", rows({ 2010: "50000", 2011: "40000.5", 2012: "30000" })],
        ["public", rows({ 2010: "20", 2011: "20.1", 2012: "" })],
        ["traffic", rows({ 2010: "7", 2011: "8", 2012: "9" })],
      ]),
      { fromYear: 2010, valueColumn: "kton_co2" },
    );
    expect(years).toEqual([2010, 2011]);
    expect(records).toEqual([
      { year: 2010, sector: "homes", kton_co2: 100 },
      { year: 2010, sector: "services", kton_co2: 70 },
      { year: 2010, sector: "traffic", kton_co2: 7 },
      { year: 2011, sector: "homes", kton_co2: 90 },
      { year: 2011, sector: "services", kton_co2: 60.1005 },
      { year: 2011, sector: "traffic", kton_co2: 8 },
    ]);
    expect(yearsWithValues.get("public")).toEqual([2010, 2011]);
    expect(yearsWithValues.get("homes")).toEqual([2010, 2011, 2012]);
  });

  it("pass a bad value and a period that is not a year on as they came, so the run quarantines them", () => {
    const { records, years } = toRecords(
      [variable("homes", "homes"), variable("traffic", "traffic")],
      new Map([
        ["homes", [...rows({ 2010: "12,5" }), { period: "2010Q1", value: "3" }]],
        ["traffic", rows({ 2010: "7" })],
      ]),
      { fromYear: 2010, valueColumn: "kton_co2" },
    );
    expect(years).toEqual([2010]);
    expect(records).toEqual([
      { year: "2010Q1", sector: "homes", kton_co2: 3 },
      { year: 2010, sector: "homes", kton_co2: "12,5" },
      { year: 2010, sector: "traffic", kton_co2: 7 },
    ]);
  });

  it("keep a repeated row once, and fail on a year given two values", () => {
    const twice = new Map([["homes", rows({ 2010: "5" }).concat(rows({ 2010: "5" }))]]);
    expect(toRecords([variable("homes", "homes")], twice, { fromYear: 2010, valueColumn: "v" }).records).toEqual([{ year: 2010, sector: "homes", v: 5 }]);
    const conflicting = new Map([["homes", rows({ 2010: "5" }).concat(rows({ 2010: "6" }))]]);
    expect(() => toRecords([variable("homes", "homes")], conflicting, { fromYear: 2010, valueColumn: "v" })).toThrow(/homes has two values for 2010/);
  });

  it("have no year when a variable has no value at all", () => {
    const result = toRecords([variable("homes", "homes"), variable("traffic", "traffic")], new Map([["homes", rows({ 2010: "1" })]]), {
      fromYear: 2010,
      valueColumn: "v",
    });
    expect(result.years).toEqual([]);
    expect(result.records).toEqual([]);
    expect(result.yearsWithValues.get("traffic")).toEqual([]);
  });
});

describe("what a failure says", () => {
  it("writes years as runs", () => {
    expect(yearRanges([2010, 2011, 2012, 2015, 2017, 2018])).toBe("2010–2012, 2015, 2017–2018");
    expect(yearRanges([])).toBe("–");
  });

  it("lists the existing ids most like the missing ones first, and how many more there are", () => {
    const listed = ["bevtot", "co2_woningen", "co2_verkeer", "zonpvtj", "hern_tot"];
    expect(nearestIds(listed, ["co2_won"])).toBe("co2_woningen, co2_verkeer, bevtot, hern_tot, zonpvtj");
    expect(nearestIds(listed, ["zonpv"], 2)).toBe("zonpvtj, bevtot … (+3)");
    expect(nearestIds([], ["x"])).toBe("–");
  });
});

describe("the variables file", () => {
  const shipped = path.resolve(import.meta.dirname, "../../../config/klimaatmonitor-variables.json");
  const dir = mkdtempSync(path.join(os.tmpdir(), "mm-km-vars-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fileWith = (content: unknown) => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
  };
  const entry = { sector: "traffic", unit: "kton", factor: 1, guessed: true, note: "test" };

  it("as shipped, maps each of the three datasets onto its pipeline's categories, from 2010", async () => {
    const co2 = await loadDatasetVariables(shipped, "co2-emissions", { sector: co2Sectors });
    const renewable = await loadDatasetVariables(shipped, "renewable-energy", { source: renewableSources });
    const energy = await loadDatasetVariables(shipped, "energy-use", { sector: energySectors, carrier: energyCarriers });
    expect(co2.fromYear).toBe(2010);
    expect(new Set(co2.variables.map((v) => v.category.sector))).toEqual(new Set(co2Sectors));
    expect(new Set(renewable.variables.map((v) => v.category.source))).toEqual(new Set(renewableSources));
    expect(energy.variables.length).toBeGreaterThan(5);
    // The ids SOURCES.md §4 and third-party code show are marked as seen; the rest as guessed.
    const seen = [...co2.variables, ...renewable.variables, ...energy.variables].filter((v) => !v.guessed).map((v) => v.id);
    expect(seen.sort()).toEqual(["vbrze_a", "vbrzg_a", "zonpvtj"]);
  });

  it("names the file and the place of a category the dataset does not have", async () => {
    const file = fileWith({ fromYear: 2010, datasets: { "co2-emissions": { co2_x: { ...entry, sector: "shipping" } } } });
    await expect(loadDatasetVariables(file, "co2-emissions", { sector: co2Sectors })).rejects.toThrow(
      new RegExp(`^${file}: datasets\\.co2-emissions\\.co2_x\\.sector: .*; correct the file, or point MM_KLIMAATMONITOR_VARIABLES at another one$`),
    );
  });

  it("refuses an id that could end the quoted key in the URL, a missing field, an unknown field and an empty dataset", async () => {
    const load = (content: unknown) => loadDatasetVariables(fileWith(content), "co2-emissions", { sector: co2Sectors });
    await expect(load({ fromYear: 2010, datasets: { "co2-emissions": { "x')/y": entry } } })).rejects.toThrow(/a variable id has only letters, digits/);
    const withoutFactor: Partial<typeof entry> = { ...entry };
    delete withoutFactor.factor;
    await expect(load({ fromYear: 2010, datasets: { "co2-emissions": { x: withoutFactor } } })).rejects.toThrow(/datasets\.co2-emissions\.x\.factor: /);
    await expect(load({ fromYear: 2010, datasets: { "co2-emissions": { x: { ...entry, factr: 2 } } } })).rejects.toThrow(/co2-emissions\.x: .*factr/);
    await expect(load({ fromYear: 2010, datasets: { "co2-emissions": {} } })).rejects.toThrow(/datasets has no variables for "co2-emissions"/);
    await expect(load({ datasets: {} })).rejects.toThrow(/fromYear/);
  });

  it("names a file that is not there or not JSON", async () => {
    const missing = path.join(dir, "nope.json");
    await expect(loadDatasetVariables(missing, "co2-emissions", { sector: co2Sectors })).rejects.toThrow(`${missing}: cannot be read (ENOENT)`);
    await expect(loadDatasetVariables(fileWith("{ fromYear: 2010"), "co2-emissions", { sector: co2Sectors })).rejects.toThrow(/not valid JSON/);
  });
});

describe("the key in the configuration", () => {
  it("is unset when empty, and trimmed", () => {
    expect(loadConfig({}).MM_KLIMAATMONITOR_KEY).toBeUndefined();
    expect(loadConfig({ MM_KLIMAATMONITOR_KEY: "" }).MM_KLIMAATMONITOR_KEY).toBeUndefined();
    expect(loadConfig({ MM_KLIMAATMONITOR_KEY: " abc123 \n" }).MM_KLIMAATMONITOR_KEY).toBe("abc123");
    expect(loadConfig({}).MM_KLIMAATMONITOR_URL).toBe("https://klimaatmonitor.databank.nl/jiveservices/odata");
    expect(loadConfig({}).MM_KLIMAATMONITOR_VARIABLES).toMatch(/config\/klimaatmonitor-variables\.json$/);
  });

  it("refuses a key with a space or a control character without showing it", () => {
    for (const key of ["secret key-77", "secret\u0007key-77"]) {
      let message = "";
      try {
        loadConfig({ MM_KLIMAATMONITOR_KEY: key });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/MM_KLIMAATMONITOR_KEY: .*printable characters, no spaces \(the value is not shown here\)/);
      expect(message).not.toContain("key-77");
    }
  });
});
