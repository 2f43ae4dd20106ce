import { z } from "zod";
import { reason } from "../ground/i18n/message.ts";
import { boundaryYear, notNull, rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { pdokAreas } from "./sources/pdok-wfs.ts";

export default definePipeline({
  name: "areas",
  title: { nl: "Gebiedsindeling (gemeente, wijken, buurten)", en: "Areas (municipality, districts, neighbourhoods)" },
  // CBS publishes one boundary set a year; a weekly check picks up corrections.
  schedule: "0 4 * * 1",
  source: pdokAreas,
  schema: z.object({
    code: z.string().regex(/^(GM\d{4}|WK\d{6}|BU\d{8})$/, { error: reason("reject.cbsCode", { column: "code", examples: "GM0518, WK051801, BU05180101" }) }),
    name: z.string().min(1),
    level: z.enum(["gemeente", "wijk", "buurt"]),
    /** The CBS boundary year (from jrstatcode); the run says which year it loaded. */
    year: z.number().int().min(1990).max(2100).nullable(),
    parent: z.string().nullable(),
    geometry: z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.unknown()) }),
  }),
  mode: "replace",
  key: ["code"],
  checks: [notNull(["name"]), rowCountChange({ maxDropPercent: 10 }), boundaryYear()],
  // The boundary year says which set, not when it was checked: judged by the last publish.
  freshness: { release: releases.onSchedule },
  attribution: { source: "CBS / Kadaster, Wijk- en buurtkaart via PDOK", licence: "CC BY 4.0" },
});
