import { z } from "zod";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { sensorThings } from "./sources/sensorthings.ts";

export default definePipeline({
  name: "air-quality-sensors",
  title: { nl: "Burgermeetpunten fijnstof (PM2,5)", en: "Citizen PM2.5 sensors" },
  // Sensors come and go daily; read after the stations so both lists are from the same night.
  schedule: "15 3 * * *",
  source: sensorThings,
  schema: z.object({
    thing_id: z.number().int().positive(),
    /** One row per PM2.5 datastream: a Thing can carry a raw and a calibrated stream. */
    datastream_id: z.number().int().positive(),
    name: z.string().min(1),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
  }),
  assignBuurt: { lon: "lon", lat: "lat" },
  mode: "replace",
  key: ["datastream_id"],
  // Citizen sensors drop out often, but half of them vanishing at once is an upstream fault.
  checks: [rowCountChange({ maxDropPercent: 50 }, "error")],
  // A sensor list carries no dates: as fresh as its last publish against the schedule.
  freshness: { release: releases.onSchedule },
  attribution: { source: "RIVM Samen Meten (citizen sensors)", licence: "CC BY 4.0" },
});
