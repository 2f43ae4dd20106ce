/** Which pipelines the demo has no data for: file sources whose file is missing, in demo mode only. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { definePipeline } from "../../../src/pipelines/framework/define-pipeline.ts";
import { findNoDemoData } from "../../../src/pipelines/framework/demo-data.ts";
import type { Source, SourceSettings } from "../../../src/pipelines/framework/source.ts";
import { csvFile, geojsonFile, jsonFile } from "../../../src/pipelines/sources/files.ts";
import { luchtmeetnetStations } from "../../../src/pipelines/sources/luchtmeetnet.ts";

const pipelineOn = (name: string, source: Source) =>
  definePipeline({
    name,
    title: { nl: "Test", en: "Test" },
    schedule: "0 * * * *",
    source,
    schema: z.object({ id: z.string() }),
    mode: "replace",
    attribution: { source: "test", licence: "CC0" },
  });

let dir: string;
let settings: SourceSettings;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mm-demo-data-"));
  mkdirSync(path.join(dir, "exports"));
  writeFileSync(path.join(dir, "exports", "present.csv"), "id\na\n");
  // An unreachable API: availability must not ask it (only a run does).
  settings = { luchtmeetnet: { baseUrl: "http://127.0.0.1:9" }, filesDir: dir };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("findNoDemoData", () => {
  const present = pipelineOn("present", csvFile("exports/present.csv"));
  const missingCsv = pipelineOn("missing-csv", csvFile("exports/missing.csv"));
  const missingJson = pipelineOn("missing-json", jsonFile("exports/missing.json"));
  const missingGeojson = pipelineOn("missing-geojson", geojsonFile("exports/missing.geojson"));
  const api = pipelineOn("api", luchtmeetnetStations);
  const all = [present, missingCsv, missingJson, missingGeojson, api];

  it("lists, in demo mode, each pipeline whose source file is missing, with the resolved path", () => {
    expect(new Map(findNoDemoData(all, settings, "demo"))).toEqual(
      new Map([
        ["missing-csv", path.join(dir, "exports", "missing.csv")],
        ["missing-json", path.join(dir, "exports", "missing.json")],
        ["missing-geojson", path.join(dir, "exports", "missing.geojson")],
      ]),
    );
  });

  it("counts a file as there once it exists, and an HTTP source (which cannot tell) as available", () => {
    expect(findNoDemoData([present, api], settings, "demo").size).toBe(0);
  });

  it("lists nothing with live sources: there a missing file must fail the run", () => {
    expect(findNoDemoData(all, settings, "live").size).toBe(0);
  });
});
