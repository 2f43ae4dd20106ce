import { z } from "zod";
import { references } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { csvFile } from "./sources/files.ts";

export default definePipeline({
  name: "permits",
  title: { nl: "Vergunningen en meldingen", en: "Permits and notifications" },
  schedule: "10 2 * * *",
  source: csvFile("exports/permits.csv", { mapping: "permits" }),
  schema: z.object({
    permit_id: z.string().regex(/^VG-\d{6}$/),
    establishment_id: z.string().regex(/^IN-\d{6}$/),
    type: z.enum(["environmental_permit", "notification", "custom_rule"]),
    status: z.enum(["requested", "granted", "refused", "withdrawn", "expired"]),
    applied_on: z.iso.date(),
    decided_on: z.iso.date().nullable(),
    valid_until: z.iso.date().nullable(),
    /** Conditions: the noise limit at the façade (dB(A)) and the dust emission limit, where set. */
    noise_limit_dba: z.number().min(20).max(90).nullable(),
    dust_limit_mg_m3: z.number().min(0).max(100).nullable(),
  }),
  mode: "replace",
  key: ["permit_id"],
  checks: [references("establishment_id", { table: "establishments", column: "establishment_id" })],
  // Applications arrive weeks apart, so the newest applied_on says little: judged by the last publish.
  freshness: { release: releases.onSchedule },
  attribution: { source: "Gemeente, vergunningensysteem (export)", licence: "intern" },
});
