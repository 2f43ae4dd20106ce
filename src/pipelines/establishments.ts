import { z } from "zod";
import { reason } from "../ground/i18n/message.ts";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { csvFile } from "./sources/files.ts";

export default definePipeline({
  name: "establishments",
  title: { nl: "Inrichtingen (milieubelastende activiteiten)", en: "Establishments (environmentally harmful activities)" },
  schedule: "0 2 * * *",
  source: csvFile("exports/establishments.csv", { mapping: "establishments" }),
  schema: z.object({
    establishment_id: z.string().regex(/^IN-\d{6}$/),
    name: z.string().min(1),
    street: z.string().min(1),
    house_number: z.number().int().positive(),
    postcode: z.string().regex(/^\d{4} [A-Z]{2}$/, { error: reason("reject.lookLike", { column: "postcode", example: "1234 AB" }) }),
    city: z.string().min(1),
    lon: z.number().min(3).max(8),
    lat: z.number().min(50).max(54),
    sbi_code: z.string().regex(/^\d{4,5}$/),
    activity: z.string().min(1),
    category: z.number().int().min(1).max(6),
    /** An eenmanszaak is a natural person: personal data under the AVG, never shown in aggregates below 5. */
    natural_person: z.boolean(),
  }),
  assignBuurt: { lon: "lon", lat: "lat" },
  mode: "replace",
  key: ["establishment_id"],
  checks: [rowCountChange({ maxDropPercent: 10 })],
  // The register's rows carry no dates: as fresh as its last publish against the schedule.
  freshness: { release: releases.onSchedule },
  attribution: { source: "Gemeente, vergunningensysteem (export)", licence: "intern" },
});
