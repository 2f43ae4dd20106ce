import { z } from "zod";
import { references } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { csvFile } from "./sources/files.ts";

/**
 * The violations found at inspections, one row per finding: the rule or permit condition broken, how
 * serious it is, the sanction imposed (escalating with repeat violations: warning, last warning,
 * penalty order) and whether a re-inspection found it remedied.
 */
export default definePipeline({
  name: "inspection-findings",
  title: { nl: "Bevindingen en sancties bij controles", en: "Inspection findings and sanctions" },
  schedule: "25 2 * * *",
  source: csvFile("exports/inspection-findings.csv", { mapping: "inspection-findings" }),
  schema: z.object({
    finding_id: z.string().regex(/^BV-\d{6}$/),
    inspection_id: z.string().regex(/^CT-\d{6}$/),
    /** The rule or permit condition violated, e.g. "Bal art. 2.11" or "vergunningvoorschrift 4.2". */
    rule: z.string().min(1).max(200),
    description: z.string().min(1).max(1000),
    severity: z.enum(["minor", "serious", "critical"]),
    sanction: z.enum(["none", "warning", "last_warning", "penalty_order", "administrative_enforcement", "fine"]),
    sanction_deadline: z.iso.date().nullable(),
    reinspected_on: z.iso.date().nullable(),
    reinspection_result: z.enum(["compliant", "violation"]).nullable(),
  }),
  mode: "replace",
  key: ["finding_id"],
  checks: [references("inspection_id", { table: "inspections", column: "inspection_id" })],
  // Its dates are deadlines and re-inspections, not when findings arrive: judged by the last publish.
  freshness: { release: releases.onSchedule },
  attribution: { source: "Gemeente, toezicht en handhaving (export)", licence: "intern" },
});
