import { z } from "zod";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { klimaatmonitorOrCsv } from "./sources/klimaatmonitor.ts";

export const renewableSources = ["solar_pv", "wind", "heat_pumps", "biomass"] as const;

export default definePipeline({
  name: "renewable-energy",
  title: { nl: "Hernieuwbare energie per bron", en: "Renewable energy by source" },
  // Updated a few times a year upstream, which asks for periodic import; weekly is plenty.
  schedule: "20 4 * * 2",
  // With MM_KLIMAATMONITOR_KEY its Open Data Service (variables in config/klimaatmonitor-variables.json), else the CSV export.
  source: klimaatmonitorOrCsv({ dataset: "renewable-energy", categories: { source: renewableSources }, valueColumn: "tj" }, "exports/renewable-energy.csv"),
  schema: z.object({
    year: z.number().int().min(1990).max(2100),
    source: z.enum(renewableSources),
    tj: z.number().min(0).max(1_000_000),
  }),
  mode: "replace",
  key: ["year", "source"],
  // History only grows: losing rows means a broken export.
  checks: [rowCountChange({ maxDropPercent: 0 })],
  // Views add sources up to a yearly total; a partial year would understate it, so fail instead.
  maxRejectShare: 0,
  freshness: { column: "year", release: releases.energyStatistics },
  attribution: { source: "Klimaatmonitor, hernieuwbare energie (demo)", licence: "CC BY 4.0" },
});
