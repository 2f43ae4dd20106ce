/** The pieces of the classic CBS reader and the table list, without HTTP or a database. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { parseCbsTables } from "../../../src/pipelines/sources/cbs-key-figure-tables.ts";
import { keyStem, parseStatlineCsv, parseValue, resolveColumns, typedDataSetUrl } from "../../../src/pipelines/sources/cbs-statline-classic.ts";

describe("MM_CBS_TABLES", () => {
  it("lists each year's table and how it is read", () => {
    expect(parseCbsTables(" 2019:84583NED:v3, 2023:85618NED:v4,2020:84799NED:csv ,2021:85039NED:csv@https://u:p@mirror.example/kwb-2021.csv")).toEqual([
      { year: 2019, table: "84583NED", kind: "v3" },
      { year: 2023, table: "85618NED", kind: "v4" },
      { year: 2020, table: "84799NED", kind: "csv" },
      { year: 2021, table: "85039NED", kind: "csv", location: "https://u:p@mirror.example/kwb-2021.csv" },
    ]);
    expect(parseCbsTables("2019:84583NED:csv@cbs/kwb 2019.csv")).toEqual([{ year: 2019, table: "84583NED", kind: "csv", location: "cbs/kwb 2019.csv" }]);
  });

  it.each([
    ["2019:84583NED", '"2019:84583NED" is not year:table:kind'],
    ["2019:84583NED:v5", '"2019:84583NED:v5" is not year:table:kind'],
    ["19:84583NED:v3", '"19:84583NED:v3" is not year:table:kind'],
    ["2019:84583:v3", '"2019:84583:v3": 84583 is not a CBS table id like 85618NED'],
    ["2019:84583NED:v3@cbs/x.csv", '"2019:84583NED:v3@cbs/x.csv": only a csv table takes @file or @URL'],
    ["2019:84583NED:v3,2019:85318NED:v4", "year 2019 is listed twice"],
  ])("refuses %s", (text, error) => {
    expect(() => parseCbsTables(text)).toThrow(error);
  });

  it("fails at start with an example of the format, and leaves MM_CBS_TABLE in charge when unset or empty", () => {
    expect(() => loadConfig({ MM_CBS_TABLES: "2019=84583NED" })).toThrow(
      'MM_CBS_TABLES must list year:table:kind like "2019:84583NED:v3,2023:85618NED:v4" (kind v4, v3, or csv with an optional @file under MM_FILES_DIR or @URL): "2019=84583NED" is not year:table:kind',
    );
    expect(loadConfig({}).MM_CBS_TABLES).toBeUndefined();
    expect(loadConfig({ MM_CBS_TABLES: " " }).MM_CBS_TABLES).toBeUndefined();
    expect(loadConfig({}).MM_CBS_V3_URL).toBe("https://opendata.cbs.nl/ODataApi/odata");
  });

  it("lists Den Haag's years 2019–2024 in its configuration, 2020 and 2021 left to verify", () => {
    const line = readFileSync(new URL("../../../config/gm0518-den-haag.env", import.meta.url), "utf8")
      .split("\n")
      .find((l) => l.startsWith("MM_CBS_TABLES="))!;
    expect(loadConfig({ MM_CBS_TABLES: line.slice("MM_CBS_TABLES=".length) }).MM_CBS_TABLES).toEqual([
      { year: 2019, table: "84583NED", kind: "v3" },
      { year: 2022, table: "85318NED", kind: "v3" },
      { year: 2023, table: "85618NED", kind: "v4" },
      { year: 2024, table: "85984NED", kind: "v4" },
    ]);
  });
});

describe("a StatLine CSV export", () => {
  it("splits on ; outside quotes, unquotes, reads a doubled quote as one, skips the BOM and blank lines", () => {
    const text = '\uFEFF"ID";"WijkenEnBuurten";"Gemeentenaam_1"\r\n"1";"GM0518    ";"\'s-Gravenhage"\r\n\r\n"2";"BU0518;01";"De ""Hoek"""\n';
    expect(parseStatlineCsv(text, "x.csv")).toEqual([
      ["ID", "WijkenEnBuurten", "Gemeentenaam_1"],
      ["1", "GM0518    ", "'s-Gravenhage"],
      ["2", "BU0518;01", 'De "Hoek"'],
    ]);
  });

  it("fails on a quote left open, as in a file cut off mid-field", () => {
    expect(() => parseStatlineCsv('"ID";"AantalInwoners_5"\n"1";"  5378', "kwb.csv")).toThrow("kwb.csv: a quoted field is not closed (is the file cut off?)");
  });
});

describe("a classic table's cell", () => {
  it.each([
    ["  537833", 537833, "None"],
    ["     8.5", 8.5, "None"],
    ["       0", 0, "None"],
    ["       .", null, "ConfidentialOrMissing"],
    ["", null, "ConfidentialOrMissing"],
    [null, null, "ConfidentialOrMissing"],
    [2350, 2350, "None"],
    // Text that is no number is passed on, for the runner to quarantine with its reason.
    ["  n.v.t.", "n.v.t.", "None"],
  ])("%j is value %j, %s", (cell, value, attribute) => {
    expect(parseValue(cell)).toEqual({ value, value_attribute: attribute });
  });
});

describe("a classic table's columns", () => {
  const columns = (...keys: string[]) => ["WijkenEnBuurten", ...keys].map((key) => ({ key }));
  const six = [
    "AantalInwoners",
    "HuishoudensTotaal",
    "Woningvoorraad",
    "OppervlakteLand",
    "GemiddeldAardgasverbruikTotaal",
    "GemiddeldElektriciteitsverbruikTotaal",
  ];

  it("are found by key without the table's position", () => {
    expect(keyStem("AantalInwoners_5")).toBe("AantalInwoners");
    expect(keyStem("k_65JaarOfOuder_12")).toBe("k_65JaarOfOuder");
    const found = resolveColumns(columns(...six.map((k, i) => `${k}_${i + 40}`), "Appartement_48", "Appartement_56"), "t");
    expect(Object.fromEntries(found)).toEqual({
      inhabitants: "AantalInwoners_40",
      households: "HuishoudensTotaal_41",
      homes: "Woningvoorraad_42",
      land_area_ha: "OppervlakteLand_43",
      avg_gas_m3: "GemiddeldAardgasverbruikTotaal_44",
      avg_electricity_kwh: "GemiddeldElektriciteitsverbruikTotaal_45",
    });
  });

  it("fail when a key is there twice, or no area column, naming what is there", () => {
    const keys = [...six.map((k, i) => `${k}_${i + 5}`), "AantalInwoners_99"];
    expect(() =>
      resolveColumns(
        keys.map((key) => ({ key })),
        "t.csv",
      ),
    ).toThrow(
      `t.csv: AantalInwoners_5 and AantalInwoners_99 both match AantalInwoners_<n> (inhabitants); no column WijkenEnBuurten; the table has ${keys.join(", ")}`,
    );
  });

  it("accept the units CBS writes for them, in either spelling of m³", () => {
    const withUnits = (gas: string) =>
      resolveColumns(
        [{ key: "WijkenEnBuurten" }, ...six.map((k, i) => ({ key: `${k}_${i + 1}`, unit: k.startsWith("GemiddeldAardgas") ? gas : undefined }))],
        "t",
      );
    expect(withUnits("m³").get("avg_gas_m3")).toBe("GemiddeldAardgasverbruikTotaal_5");
    expect(withUnits("M3").get("avg_gas_m3")).toBe("GemiddeldAardgasverbruikTotaal_5");
    expect(() => withUnits("%")).toThrow('GemiddeldAardgasverbruikTotaal_5 (avg_gas_m3) is in "%", expected "m³"');
  });
});

describe("the classic API request", () => {
  it("asks for the municipality's rows and the columns read, with spaces and quotes percent-encoded", () => {
    const url = typedDataSetUrl("https://opendata.cbs.nl/ODataApi/odata", "84583NED", "GM0518", ["AantalInwoners_5"]);
    expect(url).toBe(
      "https://opendata.cbs.nl/ODataApi/odata/84583NED/TypedDataSet?$filter=startswith(WijkenEnBuurten%2C%27GM0518%27)%20or%20startswith(WijkenEnBuurten%2C%27WK0518%27)%20or%20startswith(WijkenEnBuurten%2C%27BU0518%27)&$select=WijkenEnBuurten%2CAantalInwoners_5&$format=json",
    );
    expect(new URL(url).searchParams.get("$filter")).toBe(
      "startswith(WijkenEnBuurten,'GM0518') or startswith(WijkenEnBuurten,'WK0518') or startswith(WijkenEnBuurten,'BU0518')",
    );
  });
});
