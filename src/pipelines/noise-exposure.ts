import { z } from "zod";
import { reason } from "../ground/i18n/message.ts";
import { references, rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { csvFile } from "./sources/files.ts";

export default definePipeline({
  name: "noise-exposure",
  title: { nl: "Geluidbelasting wegverkeer (Lden) per buurt", en: "Road-traffic noise exposure (Lden) by neighbourhood" },
  // The noise maps change once per EU round (every five years); weekly catches a new round soon enough.
  schedule: "25 4 * * 2",
  source: csvFile("exports/noise-lden.csv"),
  schema: z.object({
    buurt_code: z.string().regex(/^BU\d{8}$/, { error: reason("reject.cbsCode", { column: "buurt_code", examples: "BU05180101" }) }),
    year: z.number().int().min(1990).max(2100),
    // Lden classes of the EU noise maps, in dB: up to 55, then 5 dB bands, then above 70.
    class: z.enum(["le55", "55_60", "60_65", "65_70", "gt70"]),
    share: z.number().min(0).max(1),
  }),
  mode: "replace",
  key: ["buurt_code", "year", "class"],
  checks: [
    // Warn only: buurt boundaries are redrawn yearly and the noise map may lag a year behind.
    references("buurt_code", { table: "areas", column: "code" }, "warn"),
    // Rounds are only ever added.
    rowCountChange({ maxDropPercent: 0 }),
  ],
  freshness: { column: "year", release: releases.noiseMaps },
  attribution: { source: "RIVM geluidkaarten (demo)", licence: "CC BY 4.0" },
});
