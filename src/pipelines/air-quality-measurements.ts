import { z } from "zod";
import { references, rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { luchtmeetnetMeasurements } from "./sources/luchtmeetnet.ts";
import { airQualityHistory, tiers } from "./sources/rivm-bulk.ts";

export const formulas = ["NO2", "PM10", "PM25", "O3"] as const;

export default definePipeline({
  name: "air-quality-measurements",
  title: { nl: "Luchtmetingen per uur", en: "Hourly air quality measurements" },
  schedule: "20 * * * *",
  // History from RIVM's bulk files, a year or month per slice, then the open API's recent hours.
  source: airQualityHistory(formulas, luchtmeetnetMeasurements),
  schema: z.object({
    station_number: z.string().regex(/^[A-Z]{2}\d{5}$/),
    formula: z.enum(formulas),
    // µg/m³; negative readings below the detection limit are reported by the source and kept as is.
    value: z.number().min(-20).max(2000),
    /** End of the measured hour, UTC. */
    timestamp_measured: z.iso.datetime({ offset: true }),
    /** validated (RIVM's yearly files), provisional (its monthly files) or unvalidated (the open API's recent hours). */
    tier: z.enum(tiers),
  }),
  mode: "upsert",
  key: ["station_number", "formula", "timestamp_measured"],
  // A validated hour replaces a provisional or unvalidated one; never the reverse.
  precedence: { column: "tier", order: [...tiers], period: "timestamp_measured" },
  checks: [references("station_number", { table: "air_quality_stations", column: "number" }), rowCountChange({ maxDropPercent: 0 })],
  // Luchtmeetnet publishes every hour; a day without new hours is worth a look, a week is an outage.
  freshness: { column: "timestamp_measured", release: releases.hourlyFeed },
  attribution: { source: "Luchtmeetnet (RIVM, GGD's, DCMR, provincies)", licence: "CC BY 4.0" },
});
