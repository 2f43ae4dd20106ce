import { z } from "zod";
import { reason } from "../ground/i18n/message.ts";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { luchtmeetnetStations } from "./sources/luchtmeetnet.ts";

export default definePipeline({
  name: "air-quality-stations",
  title: { nl: "Luchtmeetstations", en: "Air quality stations" },
  schedule: "5 3 * * *",
  source: luchtmeetnetStations,
  schema: z.object({
    number: z.string().regex(/^[A-Z]{2}\d{5}$/, { error: reason("reject.lookLike", { column: "station number", example: "NL10938" }) }),
    location: z.string().min(1),
    type: z.string(),
    components: z.array(z.string()),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
  }),
  assignBuurt: { lon: "lon", lat: "lat" },
  mode: "replace",
  key: ["number"],
  // Stations close one at a time; losing more than a quarter at once is an upstream fault.
  checks: [rowCountChange({ maxDropPercent: 25 }, "error")],
  // A station list carries no dates: as fresh as its last publish against the schedule.
  freshness: { release: releases.onSchedule },
  attribution: { source: "Luchtmeetnet (RIVM, GGD's, DCMR, provincies)", licence: "CC BY 4.0" },
});
