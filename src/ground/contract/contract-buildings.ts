/**
 * GET /api/v1/buildings: BAG building footprints in a map view, compact enough to draw a dense buurt
 * at once. Coordinates are [lon, lat] in WGS84, rounded to 6 decimals (about 10 cm).
 */
import { z } from "zod";

export const BuildingFootprint = z.object({
  /** The BAG pand id (16 digits). */
  id: z.string(),
  /** Bouwjaar, when the BAG has one. */
  year: z.number().int().nullable(),
  /** The footprint's rings, outer rings and holes alike (a MultiPolygon's polygons flattened): fill even-odd. */
  rings: z.array(z.array(z.array(z.number()))),
});
export type BuildingFootprint = z.infer<typeof BuildingFootprint>;

export const BuildingsInView = z.object({
  /** The box asked for: west, south, east, north. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** The footprints whose bounding box meets the box, nearest the box's centre first. */
  items: z.array(BuildingFootprint),
  /** More buildings meet the box than an answer holds (MAX_BUILDINGS): zoom in. */
  truncated: z.boolean(),
  /** How many buildings meet the box, also when truncated. */
  total: z.number().int(),
});
export type BuildingsInView = z.infer<typeof BuildingsInView>;
