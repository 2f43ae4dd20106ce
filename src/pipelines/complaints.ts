import { z } from "zod";
import { references } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { csvFile } from "./sources/files.ts";

export default definePipeline({
  name: "complaints",
  title: { nl: "Klachten en meldingen", en: "Complaints" },
  schedule: "30 2 * * *",
  source: csvFile("exports/complaints.csv", { mapping: "complaints" }),
  schema: z.object({
    complaint_id: z.string().regex(/^KL-\d{6}$/),
    /** The establishment the complaint is about, when the officer could link one. */
    establishment_id: z
      .string()
      .regex(/^IN-\d{6}$/)
      .nullable(),
    received_on: z.iso.date(),
    kind: z.enum(["noise", "odour", "dust", "light", "other"]),
    status: z.enum(["open", "in_progress", "closed"]),
    lon: z.number().min(3).max(8),
    lat: z.number().min(50).max(54),
    // The handling deadline, where the case system sets one. Optional: without it the dossier takes
    // received_on + the municipality's handling term (8 weeks, src/engine/dossiers/complaints-near.ts).
    handle_by: z.iso.date().nullable().optional(),
  }),
  assignBuurt: { lon: "lon", lat: "lat" },
  mode: "replace",
  key: ["complaint_id"],
  checks: [references("establishment_id", { table: "establishments", column: "establishment_id" }, "warn")],
  freshness: { column: "received_on", release: releases.dailyRegister },
  attribution: { source: "Gemeente, klachtenregistratie (export)", licence: "intern" },
});
