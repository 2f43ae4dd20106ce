import { z } from "zod";
import { references } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { csvFile } from "./sources/files.ts";

export default definePipeline({
  name: "inspections",
  title: { nl: "Controles en overtredingen", en: "Inspections and violations" },
  schedule: "20 2 * * *",
  source: csvFile("exports/inspections.csv", { mapping: "inspections" }),
  schema: z.object({
    inspection_id: z.string().regex(/^CT-\d{6}$/),
    establishment_id: z.string().regex(/^IN-\d{6}$/),
    inspected_on: z.iso.date(),
    result: z.enum(["compliant", "violation", "serious_violation"]),
    violations: z.number().int().min(0).max(50),
  }),
  mode: "replace",
  key: ["inspection_id"],
  checks: [references("establishment_id", { table: "establishments", column: "establishment_id" })],
  freshness: { column: "inspected_on", release: releases.dailyRegister },
  attribution: { source: "Gemeente, toezicht en handhaving (export)", licence: "intern" },
});
