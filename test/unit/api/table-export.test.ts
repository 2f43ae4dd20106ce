/**
 * The table export writers on their own: the CSV dialects (numbers, quoting), the export words in
 * both languages, and Parquet and Arrow for an empty table and for nulls, read back by hyparquet and
 * apache-arrow.
 */
import { tableFromIPC } from "apache-arrow";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import type { Provenance } from "../../../src/ground/contract/contract.ts";
import { csvDocument } from "../../../src/web/api/csv.ts";
import { exportLangs } from "../../../src/ground/contract/params.ts";
import { provenanceComment } from "../../../src/web/api/export-labels.ts";
import { catalogueParts } from "../../../src/ground/i18n/catalogue.ts";
import { seriesExport } from "../../../src/web/api/series-format.ts";
import { tableToArrow } from "../../../src/web/api/table-arrow.ts";
import { tableToCsv } from "../../../src/web/api/table-csv.ts";
import { tableToParquet } from "../../../src/web/api/table-parquet.ts";

const provenance: Provenance = {
  source: "CBS; Kerncijfers",
  licence: "CC BY 4.0",
  pipeline: "area-key-figures",
  runId: 7,
  runFinishedAt: "2026-03-01T09:00:00Z",
  inputs: [{ pipeline: "area-key-figures", runId: 7, runFinishedAt: "2026-03-01T09:00:00Z" }],
  period: "2023–2024",
  qualityTier: "validated",
  provisionalPeriods: [],
  freshness: { status: "current", latestPeriod: "2024", nextPeriod: "2025", nextExpected: "2026-07-01", label: { nl: "t/m 2024", en: "to 2024" } },
};
const point = (period: string, value: number | null, suppressed = false) => ({
  period,
  areaCode: "WK999901",
  areaName: 'Oud "Centrum", Noord',
  level: "wijk" as const,
  value,
  suppressed,
  coverage: 1,
  tier: null,
});
const series = (points: ReturnType<typeof point>[]) => ({ indicatorId: "green-share", unit: "%", by: "area" as const, points, provenance });

describe("CSV dialects", () => {
  it("write decimal points with commas and decimal commas with semicolons, numbers unquoted", () => {
    const rows = [[12.5, -0.25, 3, 1e-7, null, Number.NaN, "a;b", "x,y"]];
    expect(csvDocument([], ["h"], rows, "comma").split("\r\n")[1]).toBe('12.5,-0.25,3,1e-7,,,"a;b","x,y"');
    expect(csvDocument([], ["h"], rows, "semicolon").split("\r\n")[1]).toBe('12,5;-0,25;3;1e-7;;;"a;b";"x,y"');
  });

  it("quote text with either separator, a quote or a line break, and keep comments on one line", () => {
    const csv = tableToCsv(seriesExport(series([point("2024", 31.5)])), { sep: "semicolon", lang: "en" });
    expect(csv.split("\r\n")).toEqual([
      "\uFEFF# source: CBS; Kerncijfers; licence: CC BY 4.0; pipeline run: 7; quality: validated; indicator: green-share; unit: %; period: 2023–2024",
      "indicator;period;area_code;area_name;level;value;suppressed;coverage;unit",
      'green-share;2024;WK999901;"Oud ""Centrum"", Noord";wijk;31,5;false;1;%',
      "",
    ]);
  });
});

describe("export words", () => {
  it("exist in Dutch and English for every label and quality tier, with the same keys in both", () => {
    const words = catalogueParts.exports;
    for (const lang of exportLangs) {
      for (const [key, text] of Object.entries(words[lang])) expect(text.trim().length > 0, `${lang} ${key}`).toBe(true);
    }
    expect(Object.keys(words.nl).sort()).toEqual(Object.keys(words.en).sort());
    expect(provenanceComment({ source: provenance.source, licence: provenance.licence, runId: 7, qualityTier: "provisional" }, "nl")).toBe(
      "bron: CBS; Kerncijfers; licentie: CC BY 4.0; pipelinerun: 7; kwaliteit: voorlopig",
    );
  });
});

describe("Parquet and Arrow", () => {
  it("write an empty table with its columns, types and metadata", async () => {
    const empty = seriesExport(series([]));
    const file = tableToParquet(empty).slice().buffer;
    const metadata = parquetMetadata(file);
    expect(Number(metadata.num_rows)).toBe(0);
    expect(metadata.schema.slice(1).map((s) => [s.name, s.type])).toEqual([
      ["period", "BYTE_ARRAY"],
      ["area_code", "BYTE_ARRAY"],
      ["area_name", "BYTE_ARRAY"],
      ["level", "BYTE_ARRAY"],
      ["value", "DOUBLE"],
      ["suppressed", "BOOLEAN"],
      ["coverage", "DOUBLE"],
      ["periodStart", "INT64"],
    ]);
    expect(metadata.key_value_metadata?.find((kv) => kv.key === "pipelineRunId")?.value).toBe("7");
    expect(tableFromIPC(tableToArrow(empty)).numRows).toBe(0);
  });

  it("keep a suppressed value null and a whole number a double", async () => {
    const table = seriesExport(series([point("2023", null, true), point("2024", 40)]));
    const rows = await parquetReadObjects({ file: tableToParquet(table).slice().buffer });
    expect(rows.map((r) => [r.period, r.value, r.suppressed, (r.periodStart as Date).toISOString()])).toEqual([
      ["2023", null, true, "2023-01-01T00:00:00.000Z"],
      ["2024", 40, false, "2024-01-01T00:00:00.000Z"],
    ]);
    const arrow = tableFromIPC(tableToArrow(table));
    expect(arrow.getChild("value")!.toArray()[1]).toBe(40);
    expect(arrow.getChild("value")!.get(0)).toBeNull();
  });
});
