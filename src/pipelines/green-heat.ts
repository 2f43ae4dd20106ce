import { z } from "zod";
import { reason } from "../ground/i18n/message.ts";
import { references, rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { csvFile } from "./sources/files.ts";

export default definePipeline({
  name: "green-heat",
  title: { nl: "Groen en hittestress per buurt", en: "Green space and heat stress by neighbourhood" },
  // Recomputed from aerial imagery once a year; weekly is plenty.
  schedule: "30 4 * * 2",
  source: csvFile("exports/green-heat.csv"),
  schema: z.object({
    buurt_code: z.string().regex(/^BU\d{8}$/, { error: reason("reject.cbsCode", { column: "buurt_code", examples: "BU05180101" }) }),
    year: z.number().int().min(1990).max(2100),
    green_share: z.number().min(0).max(1),
    // The Klimaateffectatlas' five heat-stress classes, 1 (low) to 5 (very high).
    heat_stress_class: z.number().int().min(1).max(5),
  }),
  mode: "replace",
  key: ["buurt_code", "year"],
  checks: [
    // Warn only: buurt boundaries are redrawn yearly and this analysis may lag behind.
    references("buurt_code", { table: "areas", column: "code" }, "warn"),
    // Years are only ever added.
    rowCountChange({ maxDropPercent: 0 }),
  ],
  freshness: { column: "year", release: releases.municipalAnalysis },
  attribution: { source: "Gemeente, groenmonitor en hittestresskaart (demo)", licence: "intern" },
});
