import { z } from "zod";
import { decimal } from "../ground/i18n/localize.ts";
import { msg } from "../ground/i18n/message.ts";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { csvFile } from "./sources/files.ts";

/** How far fine plus bulky residual waste may lie from the residual waste they split (kg per inhabitant). */
export const RESIDUAL_SPLIT_TOLERANCE_KG = 0.5;

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
    // CBS's split of residual waste into fine and bulky household residual waste ("fijn" and "grof
    // huishoudelijk restafval"). Optional: an older export has neither column, a year may lack the split.
    residual_fine_kg_per_inhabitant: z.number().min(0).max(1000).nullable().optional(),
    residual_bulky_kg_per_inhabitant: z.number().min(0).max(1000).nullable().optional(),
  }),
  // Where a year gives both, they add up to its residual waste (the source rounds each to 0.1 kg).
  rowRules: [
    {
      column: "residual_fine_kg_per_inhabitant",
      sql: `residual_bulky_kg_per_inhabitant IS NULL OR abs(residual_fine_kg_per_inhabitant + residual_bulky_kg_per_inhabitant - residual_kg_per_inhabitant) <= ${RESIDUAL_SPLIT_TOLERANCE_KG}`,
      reason: msg("reject.partsSum", {
        parts: "residual_fine_kg_per_inhabitant + residual_bulky_kg_per_inhabitant",
        total: "residual_kg_per_inhabitant",
        tolerance: { nl: `${decimal(RESIDUAL_SPLIT_TOLERANCE_KG, 1).nl} kg`, en: `${decimal(RESIDUAL_SPLIT_TOLERANCE_KG, 1).en} kg` },
      }),
    },
  ],
  mode: "replace",
  key: ["year"],
  // History only grows: losing a year means a broken export.
  checks: [rowCountChange({ maxDropPercent: 0 })],
  // One row a year: a rejected row is a whole year gone from the trend, so fail and keep the last version.
  maxRejectShare: 0,
  freshness: { column: "year", release: releases.cbsAnnual },
  attribution: { source: "Gemeente, afvalinzameling / CBS huishoudelijk afval (demo)", licence: "intern" },
});
