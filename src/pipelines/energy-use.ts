import { z } from "zod";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { klimaatmonitorOrCsv } from "./sources/klimaatmonitor.ts";

/** The sectors of co2-emissions that use energy themselves (waste and water are counted in industry). */
export const energySectors = ["built_environment_homes", "built_environment_services", "traffic", "industry", "agriculture"] as const;
/** Heat: district heating; motor fuels: petrol, diesel, LPG; other: oil, coal, biomass burnt on site. */
export const energyCarriers = ["electricity", "natural_gas", "heat", "motor_fuels", "other"] as const;

export default definePipeline({
  name: "energy-use",
  title: { nl: "Energiegebruik per sector en energiedrager", en: "Energy use by sector and carrier" },
  // Updated a few times a year upstream, which asks for periodic import; weekly is plenty.
  schedule: "25 4 * * 2",
  // With MM_KLIMAATMONITOR_KEY its Open Data Service (variables in config/klimaatmonitor-variables.json), else the CSV export.
  source: klimaatmonitorOrCsv(
    { dataset: "energy-use", categories: { sector: energySectors, carrier: energyCarriers }, valueColumn: "tj" },
    "exports/energy-use.csv",
  ),
  schema: z.object({
    year: z.number().int().min(1990).max(2100),
    sector: z.enum(energySectors),
    carrier: z.enum(energyCarriers),
    tj: z.number().min(0).max(1_000_000),
  }),
  mode: "replace",
  key: ["year", "sector", "carrier"],
  // History only grows: losing rows means a broken export.
  checks: [rowCountChange({ maxDropPercent: 0 })],
  // A year's sectors and carriers add up to its total use; a partial year would understate it, so fail instead.
  maxRejectShare: 0,
  freshness: { column: "year", release: releases.energyStatistics },
  attribution: { source: "Klimaatmonitor, energiegebruik (demo)", licence: "CC BY 4.0" },
});
