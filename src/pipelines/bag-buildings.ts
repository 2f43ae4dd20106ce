import { z } from "zod";
import { reason } from "../ground/i18n/message.ts";
import { rowCountChange } from "./framework/checks.ts";
import { definePipeline } from "./framework/define-pipeline.ts";
import { releases } from "./framework/release-schedule.ts";
import { bagBuildings } from "./sources/pdok-bag.ts";

export default definePipeline({
  name: "bag-buildings",
  title: { nl: "Gebouwen (BAG-panden)", en: "Buildings (BAG footprints)" },
  // As bag-addresses: the BAG changes daily, a map of footprints needs no more than a weekly refresh.
  schedule: "15 5 * * 1",
  source: bagBuildings,
  schema: z.object({
    building_id: z.string().regex(/^\d{16}$/, { error: reason("reject.lookLike", { column: "building_id", example: "0518100000123456" }) }),
    construction_year: z.number().int().min(1000).max(2100).nullable(),
    /** The BAG pandstatus, e.g. "Pand in gebruik"; demolished and never-built panden are not loaded. */
    status: z.string().min(1),
    /** The footprint in WGS84, as the areas pipeline stores its geometry. */
    geometry: z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.unknown()) }),
    /** The footprint's bounding box, so a map selects a view's buildings with plain range conditions. */
    min_lon: z.number().min(3).max(8),
    min_lat: z.number().min(50).max(54),
    max_lon: z.number().min(3).max(8),
    max_lat: z.number().min(50).max(54),
    /** A point inside the footprint (its centroid for any convex one): the buurt is assigned by it. */
    lon: z.number().min(3).max(8),
    lat: z.number().min(50).max(54),
  }),
  assignBuurt: { lon: "lon", lat: "lat" },
  mode: "replace",
  key: ["building_id"],
  checks: [rowCountChange({ maxDropPercent: 10 })],
  // construction_year dates the building, not the release: judged by the last publish.
  freshness: { release: releases.onSchedule },
  attribution: { source: "Kadaster, Basisregistratie Adressen en Gebouwen (BAG) via PDOK", licence: "CC0 1.0" },
});
