import { z } from "zod";
import { reason } from "../ground/i18n/message.ts";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { csvFile } from "./sources/files.ts";

export default definePipeline({
  name: "trees",
  title: { nl: "Bomenregister", en: "Municipal trees" },
  // The register is exported every night.
  schedule: "40 2 * * *",
  source: csvFile("exports/trees.csv"),
  schema: z.object({
    tree_id: z.string().regex(/^B\d{6}$/, { error: reason("reject.lookLike", { column: "tree_id", example: "B000123" }) }),
    // Free text: registers hold hundreds of species and cultivars, an enum would reject rare ones.
    species: z.string().min(1).max(100),
    // Unknown for many old trees in real registers.
    planting_year: z.number().int().min(1800).max(2100).nullable(),
    // Within the Netherlands: anything else is a swapped or mis-projected coordinate.
    lon: z.number().min(3).max(7.5),
    lat: z.number().min(50.5).max(53.7),
  }),
  assignBuurt: { lon: "lon", lat: "lat" },
  mode: "replace",
  key: ["tree_id"],
  // Felling and planting change a few percent a year; a register that shrinks by more than 5 % in
  // one night is a partial export.
  checks: [rowCountChange({ maxDropPercent: 5 })],
  // planting_year dates the tree, not the release: judged by the last publish.
  freshness: { release: releases.onSchedule },
  attribution: { source: "Gemeente, bomenregister (demo)", licence: "CC BY 4.0" },
});
