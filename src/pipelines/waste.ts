import { z } from "zod";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { csvFile } from "./sources/files.ts";

export default definePipeline({
  name: "waste",
  title: { nl: "Huishoudelijk afval", en: "Household waste" },
  // One figure a year; weekly is plenty.
  schedule: "35 4 * * 2",
  source: csvFile("exports/waste.csv"),
  schema: z.object({
    year: z.number().int().min(1990).max(2100),
    residual_kg_per_inhabitant: z.number().min(0).max(1000),
    separation_share: z.number().min(0).max(1),
  }),
  mode: "replace",
  key: ["year"],
  // History only grows: losing a year means a broken export.
  checks: [rowCountChange({ maxDropPercent: 0 })],
  // One row a year: a rejected row is a whole year gone from the trend, so fail and keep the last version.
  maxRejectShare: 0,
  attribution: { source: "Gemeente, afvalinzameling / CBS huishoudelijk afval (demo)", licence: "intern" },
});
