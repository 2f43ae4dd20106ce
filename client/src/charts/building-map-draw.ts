/**
 * The building map's pixels: footprints (one Path2D for the lot), then boundary outlines, then point
 * marks, each kind its own shape so the map does not rely on colour. Pure apart from the canvas.
 */
import type { Bbox, MapView, ViewSize } from "./building-map-projection.ts";
import { projector } from "./building-map-projection.ts";

export const pointKinds = ["address", "establishment", "station", "sensor", "complaint", "sensitive"] as const;
export type PointKind = (typeof pointKinds)[number];

export interface MapPointInput {
  lon: number;
  lat: number;
  kind: PointKind;
  label: string;
  href?: string;
}

/** A footprint ready to draw: rings as flat [lon, lat, lon, lat, …] and its bounding box. */
export interface Footprint {
  id: string;
  rings: Float64Array[];
  bbox: Bbox;
}

export type BoundaryGeometry = { type: "Polygon"; coordinates: number[][][] } | { type: "MultiPolygon"; coordinates: number[][][][] };

/** The glyph the legend shows for each kind: the same shape the canvas draws. */
export const kindGlyph: Record<PointKind, string> = {
  address: "●",
  establishment: "■",
  station: "▲",
  sensor: "◆",
  complaint: "✖",
  sensitive: "★",
};

export const kindColour: Record<PointKind, string> = {
  address: "#a11919",
  establishment: "#0b6660",
  station: "#1a5fb4",
  sensor: "#6a3d9a",
  complaint: "#b35900",
  sensitive: "#8a1f6b",
};

/** Turns an answer's rings into flat arrays with their bounding box, once per answer. */
export function toFootprint(id: string, rings: number[][][]): Footprint {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const flat = rings.map((ring) => {
    const out = new Float64Array(ring.length * 2);
    ring.forEach(([lon, lat], i) => {
      out[2 * i] = lon!;
      out[2 * i + 1] = lat!;
      if (lon! < west) west = lon!;
      if (lon! > east) east = lon!;
      if (lat! < south) south = lat!;
      if (lat! > north) north = lat!;
    });
    return out;
  });
  return { id, rings: flat, bbox: [west, south, east, north] };
}

export interface DrawInput {
  view: MapView;
  size: ViewSize;
  footprints: readonly Footprint[];
  boundary: BoundaryGeometry | null;
  points: readonly MapPointInput[];
  /** The point that has keyboard focus in the list, drawn larger. */
  focused?: number | null;
}

/** Draws the map; returns how many footprints were drawn (those in view and at least a pixel big). */
export function drawBuildingMap(ctx: CanvasRenderingContext2D, { view, size, footprints, boundary, points, focused = null }: DrawInput): number {
  const project = projector(view, size);
  ctx.clearRect(0, 0, size.width, size.height);
  ctx.fillStyle = "#f7f8f6";
  ctx.fillRect(0, 0, size.width, size.height);

  const [x0] = project(0, 0);
  const [x1] = project(1, 0);
  const pxPerLon = x1 - x0;
  const [, y0] = project(0, 0);
  const [, y1] = project(0, 1);
  const pxPerLat = y0 - y1;
  const { lon: cLon, lat: cLat } = view.center;
  const halfLon = size.width / 2 / pxPerLon;
  const halfLat = size.height / 2 / pxPerLat;
  const west = cLon - halfLon;
  const east = cLon + halfLon;
  const south = cLat - halfLat;
  const north = cLat + halfLat;

  const buildings = new Path2D();
  let drawn = 0;
  for (const { rings, bbox } of footprints) {
    if (bbox[2] < west || bbox[0] > east || bbox[3] < south || bbox[1] > north) continue;
    // Smaller than a pixel: invisible at this zoom, and the bulk of the work when zoomed out.
    if ((bbox[2] - bbox[0]) * pxPerLon < 1 && (bbox[3] - bbox[1]) * pxPerLat < 1) continue;
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i += 2) {
        const [x, y] = project(ring[i]!, ring[i + 1]!);
        if (i === 0) buildings.moveTo(x, y);
        else buildings.lineTo(x, y);
      }
      buildings.closePath();
    }
    drawn++;
  }
  ctx.fillStyle = "#d9dcd8";
  ctx.fill(buildings, "evenodd");
  ctx.strokeStyle = "#9aa19c";
  ctx.lineWidth = 0.75;
  ctx.stroke(buildings);

  if (boundary) drawBoundary(ctx, boundary, project);
  points.forEach((point, index) => {
    const [x, y] = project(point.lon, point.lat);
    if (x < -20 || y < -20 || x > size.width + 20 || y > size.height + 20) return;
    drawMark(ctx, point.kind, x, y, index === focused ? 1.6 : 1);
  });
  return drawn;
}

function drawBoundary(ctx: CanvasRenderingContext2D, boundary: BoundaryGeometry, project: (lon: number, lat: number) => [number, number]) {
  const polygons = boundary.type === "Polygon" ? [boundary.coordinates] : boundary.coordinates;
  const path = new Path2D();
  for (const ring of polygons.flat()) {
    ring.forEach(([lon, lat], i) => {
      const [x, y] = project(lon!, lat!);
      if (i === 0) path.moveTo(x, y);
      else path.lineTo(x, y);
    });
    path.closePath();
  }
  ctx.save();
  ctx.strokeStyle = "#1f2a2e";
  ctx.lineWidth = 2;
  ctx.setLineDash([6, 4]);
  ctx.stroke(path);
  ctx.restore();
}

/** One point's mark: a white halo under a shape per kind, so it reads on buildings and without colour. */
export function drawMark(ctx: CanvasRenderingContext2D, kind: PointKind, x: number, y: number, scale = 1) {
  const r = 6 * scale;
  const path = new Path2D();
  switch (kind) {
    case "address":
      path.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case "establishment":
      path.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case "station":
      path.moveTo(x, y - r * 1.1);
      path.lineTo(x + r, y + r * 0.8);
      path.lineTo(x - r, y + r * 0.8);
      path.closePath();
      break;
    case "sensor":
      path.moveTo(x, y - r * 1.1);
      path.lineTo(x + r, y);
      path.lineTo(x, y + r * 1.1);
      path.lineTo(x - r, y);
      path.closePath();
      break;
    case "complaint": {
      const a = r * 0.8;
      const w = r * 0.35;
      // An X as one closed outline, so it fills and strokes like the other shapes.
      path.moveTo(x - a, y - a + w);
      path.lineTo(x - w, y);
      path.lineTo(x - a, y + a - w);
      path.lineTo(x - a + w, y + a);
      path.lineTo(x, y + w);
      path.lineTo(x + a - w, y + a);
      path.lineTo(x + a, y + a - w);
      path.lineTo(x + w, y);
      path.lineTo(x + a, y - a + w);
      path.lineTo(x + a - w, y - a);
      path.lineTo(x, y - w);
      path.lineTo(x - a + w, y - a);
      path.closePath();
      break;
    }
    case "sensitive":
      for (let i = 0; i < 10; i++) {
        const angle = -Math.PI / 2 + (i * Math.PI) / 5;
        const radius = i % 2 === 0 ? r * 1.15 : r * 0.5;
        const px = x + radius * Math.cos(angle);
        const py = y + radius * Math.sin(angle);
        if (i === 0) path.moveTo(px, py);
        else path.lineTo(px, py);
      }
      path.closePath();
      break;
  }
  ctx.save();
  ctx.lineJoin = "round";
  ctx.strokeStyle = "#ffffff";
  ctx.lineWidth = 3;
  ctx.stroke(path);
  ctx.fillStyle = kindColour[kind];
  ctx.fill(path);
  ctx.strokeStyle = "#1f2a2e";
  ctx.lineWidth = 1;
  ctx.stroke(path);
  ctx.restore();
}

/** The index of the point nearest (x, y) within `radius` pixels, or null. */
export function pointAt(points: readonly MapPointInput[], view: MapView, size: ViewSize, x: number, y: number, radius = 10): number | null {
  const project = projector(view, size);
  let best: number | null = null;
  let bestDistance = radius * radius;
  points.forEach((point, index) => {
    const [px, py] = project(point.lon, point.lat);
    const distance = (px - x) ** 2 + (py - y) ** 2;
    if (distance <= bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}
