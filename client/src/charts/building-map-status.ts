/** What the building map has loaded, and the line saying so (loading, zoom in, failed, cut short). */
import type { MessageKey } from "../messages.ts";
import type { Footprint } from "./building-map-draw.ts";
import type { Bbox } from "./building-map-projection.ts";

export type Status = "idle" | "loading" | "ready" | "too-large" | "failed";

export interface Loaded {
  bbox: Bbox;
  footprints: Footprint[];
  truncated: boolean;
  total: number;
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The status line's text, or "" when there is nothing to say. */
export function statusText(status: Status, error: string, loaded: Loaded | null, t: Translate): string {
  if (status === "loading") return t("buildingMap.loading");
  if (status === "too-large") return t("buildingMap.zoomInForBuildings");
  if (status === "failed") return t("buildingMap.failed", { reason: error });
  if (loaded?.truncated) return t("buildingMap.truncated", { shown: loaded.footprints.length, total: loaded.total });
  return "";
}

/** How many of the loaded footprints touch the box in view. */
export function countInView(loaded: Loaded, [west, south, east, north]: Bbox): number {
  return loaded.footprints.filter(({ bbox }) => bbox[2] >= west && bbox[0] <= east && bbox[3] >= south && bbox[1] <= north).length;
}
