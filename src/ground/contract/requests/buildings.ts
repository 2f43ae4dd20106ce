/** The map's query: the view as a lon/lat box, small enough to draw every building in it. */
import { z } from "zod";
import { reason } from "../../i18n/message.ts";
import { bboxSizeM, MAX_BBOX_SIDE_M } from "../building-limits.ts";

const NUMBER = String.raw`-?\d{1,3}(?:\.\d{1,17})?`;
const BBOX = new RegExp(`^${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`);

/** `west,south,east,north` in degrees (WGS84), west of east and south of north, at most MAX_BBOX_SIDE_M a side. */
export const bbox = z
  .string({ error: reason("param.bbox") })
  .regex(BBOX, { error: reason("param.bbox") })
  .transform((text) => text.split(",").map(Number) as [number, number, number, number])
  .superRefine(([west, south, east, north], context) => {
    const inRange = Math.abs(west) <= 180 && Math.abs(east) <= 180 && Math.abs(south) <= 90 && Math.abs(north) <= 90;
    if (!inRange || west >= east || south >= north) {
      context.addIssue({ code: "custom", message: reason("param.bbox") });
      return;
    }
    const { width, height } = bboxSizeM([west, south, east, north]);
    if (width > MAX_BBOX_SIDE_M || height > MAX_BBOX_SIDE_M)
      context.addIssue({
        code: "custom",
        message: reason("param.bboxTooLarge", { width: Math.round(width), height: Math.round(height), max: MAX_BBOX_SIDE_M }),
      });
  });

export const BuildingsQuery = z.object({ bbox }).strict();
