/**
 * The BAG (Basisregistratie Adressen en Gebouwen) from PDOK's OGC API Features
 * (https://api.pdok.nl/kadaster/bag/ogc/v2): the municipality's verblijfsobjecten (addresses) and panden
 * (building footprints), asked for by the municipality's bounding box and kept when inside it.
 *
 * Paging: OGC API Features pages by a `links` entry with rel "next" whose URL carries an opaque cursor.
 * A cursor, unlike WFS's startIndex, has no depth limit, so the whole bbox is read as one cursor walk
 * and not split into tiles (a tile grid would multiply requests, and features on tile edges). Pages
 * are read until there is no next link or a page is empty; `numberReturned`/`numberMatched` are not
 * relied on. Ids are de-duplicated all the same, so an overlapping cursor does no harm.
 *
 * The live service's property names are partly guessed (docs/sources/bag.md): each field is read through
 * a small alias table, so the WFS v2 names and their snake_case OGC variants both map.
 */
import { z } from "zod";
import { pointInGeometry, type PolygonGeometry, type Position, type Ring } from "../../ground/geometry.ts";
import { msg } from "../../ground/i18n/message.ts";
import { PipelineError } from "../framework/pipeline-error.ts";
import type { ExtractContext, RecordSource, SourcePage } from "../framework/source.ts";
import { redactUrl } from "../framework/upstream-error.ts";

/** The live API's base: next links the service writes are absolute and point here. */
export const BAG_UPSTREAM_BASE = "https://api.pdok.nl/kadaster/bag/ogc/v2";
export const BAG_PAGE_LIMIT = 1000;
export type BagCollection = "verblijfsobject" | "pand";
export type Bbox = [number, number, number, number];

/** Every name a field may go by, first match wins: WFS v2 names (seen third-hand) and OGC API guesses. */
export const BAG_ALIASES = {
  identificatie: ["identificatie", "verblijfsobject_identificatie", "verblijfsobjectidentificatie"],
  nummeraanduiding: ["nummeraanduiding_identificatie", "hoofdadres_identificatie", "nummeraanduidingidentificatie", "hoofdadresidentificatie"],
  pand: ["pandidentificatie", "pand_identificatie", "pandidentificaties", "pand_identificaties"],
  street: ["openbare_ruimte", "openbare_ruimte_naam", "openbareruimte", "openbareruimtenaam", "straatnaam"],
  houseNumber: ["huisnummer"],
  houseLetter: ["huisletter"],
  addition: ["toevoeging", "huisnummertoevoeging", "huisnummer_toevoeging"],
  postcode: ["postcode"],
  place: ["woonplaats", "woonplaats_naam", "woonplaatsnaam"],
  use: ["gebruiksdoel", "gebruiksdoelen"],
  area: ["oppervlakte"],
  status: ["status", "verblijfsobject_status", "verblijfsobjectstatus"],
  pandId: ["identificatie", "pand_identificatie", "pandidentificatie"],
  year: ["bouwjaar", "oorspronkelijk_bouwjaar", "oorspronkelijkbouwjaar"],
  pandStatus: ["status", "pandstatus", "pand_status"],
} as const;

/** Statuses of objects that exist (or are being built); gesloopt, niet gerealiseerd and ingetrokken are dropped. */
const KEPT_VBO = new Set([
  "verblijfsobject in gebruik",
  "verblijfsobject in gebruik (niet ingemeten)",
  "verblijfsobject gevormd",
  "verbouwing verblijfsobject",
]);
const KEPT_PAND = new Set(["pand in gebruik", "pand in gebruik (niet ingemeten)", "verbouwing pand", "bouw gestart"]);

type Properties = Record<string, unknown>;

function pick(properties: Properties, field: keyof typeof BAG_ALIASES): unknown {
  for (const name of BAG_ALIASES[field]) {
    const value = properties[name];
    if (value !== undefined && value !== null && value !== "") return value;
  }
  return null;
}

/**
 * A BAG id as 16 digits: some clients and services hand ids over as numbers, losing the leading zero
 * (518010000000001 for 0518010000000001). Anything not made of digits is passed on for the schema to reject.
 */
export function normalizeBagId(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === "number" && Number.isInteger(first) && first >= 0) return String(first).padStart(16, "0");
  if (typeof first !== "string" || !first.trim()) return null;
  const text = first.trim();
  return /^\d{1,16}$/.test(text) ? text.padStart(16, "0") : text;
}

/** "2511BT", "2511 bt" → "2511 BT"; anything else unchanged, for the schema to reject with its reason. */
export function normalizePostcode(value: unknown): string | null {
  if (typeof value !== "string") return value === null || value === undefined ? null : String(value);
  const match = /^\s*(\d{4})\s*([a-zA-Z]{2})\s*$/.exec(value);
  return match ? `${match[1]} ${match[2]!.toUpperCase()}` : value.trim();
}

/** One comma-separated string or an array → "woonfunctie,winkelfunctie" (lower case, trimmed). */
export function normalizeUseClasses(value: unknown): string | null {
  const parts = (Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : []).map((v) => String(v).trim().toLowerCase()).filter(Boolean);
  return parts.length > 0 ? parts.join(",") : null;
}

const text = (value: unknown): string | null => (value === null || value === undefined || String(value).trim() === "" ? null : String(value).trim());

/** Numbers that may come as strings ("1932"); anything else is passed on for the schema to reject. */
function numeric(value: unknown): unknown {
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return value ?? null;
}

const kept = (status: unknown, allowed: Set<string>) => status === null || allowed.has(String(status).trim().toLowerCase());

/** 2D positions only: some services add a height (0) to every coordinate. */
function flatRings(geometry: PolygonGeometry): Ring[][] {
  const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  return polygons.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [x, y] as Position)));
}

export function bboxOfRings(polygons: Ring[][]): Bbox {
  const points = polygons.flatMap((p) => p[0] ?? []);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** A point inside the footprint: the outer ring's centroid when inside (any convex footprint), else the middle of a vertex pair. */
export function insidePoint(polygons: Ring[][]): Position {
  const geometry: PolygonGeometry = { type: "MultiPolygon", coordinates: polygons };
  const outer = polygons[0]?.[0] ?? [];
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const [xi, yi] = outer[i]!;
    const [xj, yj] = outer[j]!;
    const cross = xj * yi - xi * yj;
    area += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  const centroid: Position = area !== 0 ? [cx / (3 * area), cy / (3 * area)] : (outer[0] ?? [0, 0]);
  if (pointInGeometry(centroid, geometry)) return centroid;
  for (let i = 0; i + 2 < outer.length; i++) {
    const candidate: Position = [(outer[i]![0] + outer[i + 2]![0]) / 2, (outer[i]![1] + outer[i + 2]![1]) / 2];
    if (pointInGeometry(candidate, geometry)) return candidate;
  }
  return centroid;
}

const Polygonal = z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.unknown()).min(1) });
const PointGeometry = z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) });

/** One verblijfsobject as a bag_addresses record, or null when its status says it no longer exists. */
export function addressRecord(feature: BagFeature): Record<string, unknown> | null {
  const p = feature.properties ?? {};
  if (!kept(pick(p, "status"), KEPT_VBO)) return null;
  const point = PointGeometry.safeParse(feature.geometry);
  const objectId = normalizeBagId(pick(p, "identificatie") ?? (typeof feature.id === "number" ? feature.id : null));
  return {
    address_id: normalizeBagId(pick(p, "nummeraanduiding")) ?? objectId,
    object_id: objectId,
    building_id: normalizeBagId(pick(p, "pand")),
    street: text(pick(p, "street")),
    house_number: numeric(pick(p, "houseNumber")),
    house_letter: text(pick(p, "houseLetter")),
    addition: text(pick(p, "addition")),
    postcode: normalizePostcode(pick(p, "postcode")),
    place: text(pick(p, "place")),
    use_classes: normalizeUseClasses(pick(p, "use")),
    floor_area: numeric(pick(p, "area")),
    lon: point.success ? point.data.coordinates[0] : null,
    lat: point.success ? point.data.coordinates[1] : null,
  };
}

/** One pand as a bag_buildings record (footprint, its bbox and an inside point), or null when demolished or never built. */
export function buildingRecord(feature: BagFeature): Record<string, unknown> | null {
  const p = feature.properties ?? {};
  const status = text(pick(p, "pandStatus"));
  if (!kept(status, KEPT_PAND)) return null;
  const shape = Polygonal.safeParse(feature.geometry);
  const polygons = shape.success ? flatRings(shape.data as PolygonGeometry) : null;
  const bbox = polygons ? bboxOfRings(polygons) : null;
  const [lon, lat] = polygons ? insidePoint(polygons) : [null, null];
  const geometry = polygons
    ? shape.data!.type === "Polygon"
      ? { type: "Polygon", coordinates: polygons[0] }
      : { type: "MultiPolygon", coordinates: polygons }
    : null;
  return {
    building_id: normalizeBagId(pick(p, "pandId") ?? (typeof feature.id === "number" ? feature.id : null)),
    construction_year: numeric(pick(p, "year")),
    status,
    geometry,
    min_lon: bbox?.[0] ?? null,
    min_lat: bbox?.[1] ?? null,
    max_lon: bbox?.[2] ?? null,
    max_lat: bbox?.[3] ?? null,
    lon,
    lat,
  };
}

const Feature = z.object({
  id: z.unknown().optional(),
  geometry: z.unknown().optional(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type BagFeature = z.infer<typeof Feature>;

const FeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(Feature),
  links: z.array(z.object({ rel: z.string(), href: z.string() }).loose()).optional(),
});

/** The first request of a collection; `bbox` is lon/lat (CRS84, the OGC API default), rounded to 6 decimals. */
export function bagItemsUrl(baseUrl: string, collection: BagCollection, bbox: Bbox): string {
  const box = bbox.map((v) => String(Math.round(v * 1e6) / 1e6)).join(",");
  return `${baseUrl}/collections/${collection}/items?${new URLSearchParams({ bbox: box, limit: String(BAG_PAGE_LIMIT), f: "json" })}`;
}

/** At most this many pages per collection: a next link that loops must not run forever. */
const MAX_PAGES = 10_000;

const rebase = (link: string, baseUrl: string) =>
  link.startsWith(BAG_UPSTREAM_BASE) && baseUrl !== BAG_UPSTREAM_BASE ? baseUrl + link.slice(BAG_UPSTREAM_BASE.length) : link;

/** The pages of one collection in the bbox, by rel="next" links. */
export async function* bagPages(context: ExtractContext, collection: BagCollection, bbox: Bbox): AsyncGenerator<{ origin: string; features: BagFeature[] }> {
  const { baseUrl } = settingsOf(context);
  let url: string | undefined = bagItemsUrl(baseUrl, collection, bbox);
  for (let pages = 0; url; pages++) {
    if (pages >= MAX_PAGES) throw new PipelineError(msg("run.tooManyPages", { url: redactUrl(url), max: MAX_PAGES }));
    const parsed = FeatureCollection.safeParse(await context.fetchJson(url, { signal: context.signal }));
    if (!parsed.success)
      throw new PipelineError(msg("run.notAPage", { url: redactUrl(url), items: "features", detail: String(parsed.error.issues[0]?.message) }));
    yield { origin: url, features: parsed.data.features };
    if (parsed.data.features.length === 0) return;
    const next = parsed.data.links?.find((l) => l.rel === "next")?.href;
    url = next ? rebase(new URL(next, url).toString(), baseUrl) : undefined;
  }
}

type Settings = NonNullable<ExtractContext["settings"]["bag"]>;

function settingsOf(context: ExtractContext): Settings {
  const settings = context.settings.bag;
  if (!settings) throw new Error("the BAG pipelines need settings.bag (MM_BAG_URL, and MM_BAG_BBOX or the areas pipeline's gemeente)");
  return settings;
}

/** The municipality as the areas pipeline published it, or null before its first run. */
async function gemeenteGeometry(context: ExtractContext): Promise<PolygonGeometry | null> {
  let rows;
  try {
    rows = await context.query("SELECT geometry::VARCHAR AS geometry FROM main.areas WHERE level = 'gemeente' ORDER BY code LIMIT 1");
  } catch {
    return null; // no areas table yet
  }
  const geometry = rows[0]?.geometry;
  if (typeof geometry !== "string") return null;
  const parsed = Polygonal.safeParse(JSON.parse(geometry));
  return parsed.success ? (parsed.data as PolygonGeometry) : null;
}

/** The bbox to ask for (configured, else the gemeente's) and the polygon to keep features inside (when known). */
export async function bagExtent(context: ExtractContext): Promise<{ bbox: Bbox; gemeente: PolygonGeometry | null }> {
  const settings = settingsOf(context);
  const gemeente = await gemeenteGeometry(context);
  const bbox = settings.bbox ?? (gemeente ? bboxOfRings(flatRings(gemeente)) : null);
  if (!bbox) {
    throw new Error(
      "the BAG pipelines need the municipality's extent: set MM_BAG_BBOX (west,south,east,north in WGS84) or run the areas pipeline first, so its gemeente geometry gives the extent",
    );
  }
  return { bbox, gemeente };
}

const insideGemeente = (gemeente: PolygonGeometry | null, lon: unknown, lat: unknown) =>
  !gemeente || typeof lon !== "number" || typeof lat !== "number" || pointInGeometry([lon, lat], gemeente);

function bagSource(
  collection: BagCollection,
  toRecord: (f: BagFeature) => Record<string, unknown> | null,
  idOf: (r: Record<string, unknown>) => unknown,
): RecordSource {
  return {
    kind: "records",
    describe: `PDOK BAG OGC API Features /collections/${collection}/items (bbox of the municipality)`,
    async *extract(context): AsyncGenerator<SourcePage> {
      const { bbox, gemeente } = await bagExtent(context);
      const seen = new Set<unknown>();
      for await (const page of bagPages(context, collection, bbox)) {
        const records = page.features.flatMap((feature) => {
          const record = toRecord(feature);
          // A record without coordinates is passed on: the runner quarantines it with a reason.
          if (!record || !insideGemeente(gemeente, record.lon, record.lat)) return [];
          const id = idOf(record);
          if (id !== null && seen.has(id)) return [];
          seen.add(id);
          return [record];
        });
        yield { origin: page.origin, records };
      }
    },
  };
}

export const bagAddresses = bagSource("verblijfsobject", addressRecord, (r) => r.address_id);
export const bagBuildings = bagSource("pand", buildingRecord, (r) => r.building_id);
