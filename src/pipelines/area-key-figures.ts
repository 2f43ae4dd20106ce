import { z } from "zod";
import { reason } from "../ground/i18n/message.ts";
import { range, references, rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { cbsKeyFigures } from "./sources/cbs-key-figure-tables.ts";
import { keyFigureMeasures } from "./sources/cbs-odata.ts";

export default definePipeline({
  name: "area-key-figures",
  title: { nl: "Kerncijfers wijken en buurten", en: "Key figures per district and neighbourhood" },
  // CBS publishes the key figures once a year and revises them a few times; weekly picks that up.
  schedule: "30 4 * * 1",
  source: cbsKeyFigures,
  schema: z.object({
    area_code: z.string().regex(/^(GM|WK|BU)\d{4,8}$/, { error: reason("reject.cbsCode", { column: "area_code", examples: "GM0518, WK051801, BU05180101" }) }),
    period: z.number().int().min(1990).max(2100),
    // Counts, averages and land_area_ha: the denominators that make districts comparable.
    measure: z.enum(keyFigureMeasures),
    // Null when CBS withholds the value; value_attribute says why (v4: Impossible, Confidential, Missing;
    // classic tables and CSV exports only show "." for all of these: ConfidentialOrMissing).
    value: z.number().nullable(),
    value_attribute: z.string(),
  }),
  mode: "upsert",
  key: ["area_code", "period", "measure"],
  checks: [
    // Every mapped measure is a count, an average or a share: never negative.
    range("value", { min: 0 }),
    // Warn only: the table may cover more areas than the municipality's published boundaries.
    references("area_code", { table: "areas", column: "code" }, "warn"),
    rowCountChange({ maxDropPercent: 0 }), // an upsert must never shrink the table
  ],
  freshness: { column: "period", release: releases.cbsAnnual },
  attribution: { source: "CBS StatLine (Kerncijfers wijken en buurten)", licence: "CC BY 4.0" },
});
