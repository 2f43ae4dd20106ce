import { z } from "zod";
import { references } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { sensorObservations } from "./sources/sensorthings.ts";

export default definePipeline({
  name: "air-quality-sensor-observations",
  title: { nl: "Fijnstof (PM2,5) van burgermeetpunten per uur", en: "Hourly PM2.5 from citizen sensors" },
  schedule: "35 * * * *",
  source: sensorObservations,
  schema: z.object({
    datastream_id: z.number().int().positive(),
    /** Start of the observed period, UTC. */
    phenomenon_time: z.iso.datetime({ offset: true }),
    // µg/m³, indicative quality: cheap sensors read slightly negative or absurdly high at times.
    result: z.number().min(-10).max(1000),
  }),
  mode: "upsert",
  key: ["datastream_id", "phenomenon_time"],
  // Warn only: the sensor list is refreshed daily, so a new stream can be observed before it is listed.
  checks: [references("datastream_id", { table: "air_quality_sensors", column: "datastream_id" }, "warn")],
  // Sensors report hourly; a day without data is worth a look, a week is an outage.
  freshness: { column: "phenomenon_time", release: releases.hourlyFeed },
  attribution: { source: "RIVM Samen Meten (citizen sensors)", licence: "CC BY 4.0" },
});
