import { z } from "zod";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { klimaatmonitorOrCsv } from "./sources/klimaatmonitor.ts";

export const co2Sectors = ["built_environment_homes", "built_environment_services", "traffic", "industry", "agriculture", "waste_water"] as const;

export default definePipeline({
  name: "co2-emissions",
  title: { nl: "CO2-uitstoot per sector", en: "CO2 emissions by sector" },
  // The Klimaatmonitor is updated a few times a year, and asks for periodic import: a weekly look is plenty.
  schedule: "15 4 * * 2",
  // With MM_KLIMAATMONITOR_KEY its Open Data Service (variables in config/klimaatmonitor-variables.json), else the CSV export.
  source: klimaatmonitorOrCsv({ dataset: "co2-emissions", categories: { sector: co2Sectors }, valueColumn: "kton_co2" }, "exports/co2-emissions.csv"),
  schema: z.object({
    year: z.number().int().min(1990).max(2100),
    sector: z.enum(co2Sectors),
    kton_co2: z.number().min(0).max(100_000),
  }),
  mode: "replace",
  key: ["year", "sector"],
  // History only grows (a new year, a restated one): losing rows means a broken export.
  checks: [rowCountChange({ maxDropPercent: 0 })],
  // Views add sectors up per year; a year missing one sector would look like a fall, so any
  // rejected row fails the run and the previous version stays.
  maxRejectShare: 0,
  freshness: { column: "year", release: releases.emissionRegistration },
  attribution: { source: "Klimaatmonitor / emissieregistratie (demo)", licence: "CC BY 4.0" },
});
