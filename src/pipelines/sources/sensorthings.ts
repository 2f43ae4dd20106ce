/**
 * OGC SensorThings API v1.0 as RIVM Samen Meten serves it (https://api-samenmeten.rivm.nl/v1.0):
 * citizen sensors (Things) with their Locations and Datastreams, and each PM2.5 Datastream's
 * Observations, paged by `@iot.nextLink`. The same code reads the live API and the demo's recorded
 * responses; only the base URL differs.
 */
import { z } from "zod";
import { isoSeconds } from "../framework/iso-seconds.ts";
import { pagesByNextLink } from "../framework/paging.ts";
import type { ExtractContext, RecordSource, SourcePage } from "../framework/source.ts";

/** The live API's base: the next links the service writes are absolute and point here. */
export const SENSORTHINGS_UPSTREAM_BASE = "https://api-samenmeten.rivm.nl/v1.0";

/** Page size asked of the Observations endpoint (the service caps `$top`; next links carry on). */
export const OBSERVATIONS_TOP = 1000;

/** Without configured dates the window is the last two days: re-read every run, upserted by key. */
const DEFAULT_WINDOW_HOURS = 48;

const Datastream = z.object({
  "@iot.id": z.number().int().positive(),
  name: z.string(),
  // Only present when the request expands it; the name carries the quantity on Samen Meten anyway.
  ObservedProperty: z.object({ name: z.string() }).optional(),
});

const Thing = z.object({
  "@iot.id": z.number().int().positive(),
  name: z.string(),
  Locations: z.array(z.object({ location: z.unknown() })).default([]),
  Datastreams: z.array(z.unknown()).default([]),
});

const Point = z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) });

const Observation = z.object({ phenomenonTime: z.string(), result: z.unknown() });

/**
 * The rule for "measures PM2.5": the ObservedProperty name (when expanded) or the Datastream name
 * holds the token `pm25` or `pm2.5`, case-insensitive, delimited by non-alphanumerics. Samen Meten
 * names streams like `LTD_52233-0-pm25` and `KNMI_x-0-pm25-kal` (the calibrated series, kept as its
 * own datastream); `pm10` and `pm251` do not match.
 */
export function measuresPm25(name: string): boolean {
  return /(^|[^a-z0-9])pm2\.?5($|[^a-z0-9])/i.test(name);
}

/** The Things request (path and query relative to the base). */
export function thingsPath(): string {
  return `/Things?${new URLSearchParams({ $expand: "Locations,Datastreams" })}`;
}

/** The first Observations request of one datastream for [from, to). `id` is a validated integer. */
export function observationsPath(id: number, from: Date, to: Date): string {
  if (!Number.isInteger(id) || id <= 0) throw new Error(`not a datastream id: ${id}`);
  const query = new URLSearchParams({
    $filter: `phenomenonTime ge ${isoSeconds(from)} and phenomenonTime lt ${isoSeconds(to)}`,
    $orderby: "phenomenonTime",
    $top: String(OBSERVATIONS_TOP),
  });
  return `/Datastreams(${id})/Observations?${query}`;
}

type Settings = NonNullable<ExtractContext["settings"]["sensorthings"]>;

function settingsOf(context: ExtractContext): Settings {
  const settings = context.settings.sensorthings;
  if (!settings) throw new Error("SensorThings source not configured: set sensorthings.baseUrl in the settings");
  return settings;
}

function pages(url: string, context: ExtractContext, baseUrl: string): AsyncGenerator<SourcePage> {
  return pagesByNextLink(url, context, { items: "value", next: "@iot.nextLink", baseUrl, upstreamBase: SENSORTHINGS_UPSTREAM_BASE });
}

export interface SensorRecord {
  thing_id: number;
  datastream_id: number;
  name: unknown;
  lon: unknown;
  lat: unknown;
}

const inside = (bbox: Settings["bbox"], lon: unknown, lat: unknown) =>
  !bbox || (typeof lon === "number" && typeof lat === "number" && lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3]);

/**
 * The PM2.5 datastreams of one Things page. A Thing or Datastream without a usable id fails the run
 * (the envelope is broken, nothing could be keyed); a Thing without a Point location is passed on
 * with null coordinates so the runner quarantines it with a reason.
 */
function sensorsOf(page: SourcePage, bbox: Settings["bbox"]): SensorRecord[] {
  return page.records.flatMap((raw) => {
    const thing = Thing.safeParse(raw);
    if (!thing.success) throw new Error(`${page.origin}: not a SensorThings Thing: ${thing.error.issues[0]?.message}`);
    const point = Point.safeParse(thing.data.Locations[0]?.location);
    const [lon, lat] = point.success ? point.data.coordinates : [null, null];
    if (point.success && !inside(bbox, lon, lat)) return [];
    return thing.data.Datastreams.flatMap((rawStream) => {
      const stream = Datastream.safeParse(rawStream);
      if (!stream.success) throw new Error(`${page.origin}: not a SensorThings Datastream: ${stream.error.issues[0]?.message}`);
      const wanted = measuresPm25(stream.data.name) || measuresPm25(stream.data.ObservedProperty?.name ?? "");
      return wanted ? [{ thing_id: thing.data["@iot.id"], datastream_id: stream.data["@iot.id"], name: thing.data.name, lon, lat }] : [];
    });
  });
}

async function listSensors(context: ExtractContext): Promise<SensorRecord[]> {
  const { baseUrl, bbox } = settingsOf(context);
  const sensors: SensorRecord[] = [];
  for await (const page of pages(`${baseUrl}${thingsPath()}`, context, baseUrl)) sensors.push(...sensorsOf(page, bbox));
  return sensors;
}

/** One record per PM2.5 datastream, with its Thing's id, name and location. */
export const sensorThings: RecordSource = {
  kind: "records",
  describe: "SensorThings /Things?$expand=Locations,Datastreams (PM2.5 datastreams)",
  async *extract(context) {
    const { baseUrl, bbox } = settingsOf(context);
    for await (const page of pages(`${baseUrl}${thingsPath()}`, context, baseUrl)) {
      yield { origin: page.origin, records: sensorsOf(page, bbox) };
    }
  },
};

/**
 * [from, to): the configured dates, or the last two days up to the current hour. Every run reads the
 * whole window and upserts, so late observations are picked up and overlaps do no harm.
 */
export function observationWindow(context: ExtractContext): { from: Date; to: Date } {
  const settings = settingsOf(context);
  const to = settings.to ? new Date(settings.to) : new Date(Math.floor(context.now.getTime() / 3_600_000) * 3_600_000);
  const from = settings.from ? new Date(settings.from) : new Date(to.getTime() - DEFAULT_WINDOW_HOURS * 3_600_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
    throw new Error(`sensorthings.from/to must be ISO dates with from before to, got ${settings.from} and ${settings.to}`);
  }
  return { from, to };
}

/**
 * `phenomenonTime` may be an instant or an ISO interval `start/end`; an interval is keyed by its
 * start, which is also what the `$filter` compares.
 */
const instantOf = (time: string) => time.split("/")[0];

/** Each PM2.5 datastream's observations in the window, as `{ datastream_id, phenomenon_time, result }`. */
export const sensorObservations: RecordSource = {
  kind: "records",
  describe: "SensorThings /Datastreams({id})/Observations per PM2.5 datastream",
  async *extract(context) {
    const { baseUrl } = settingsOf(context);
    const { from, to } = observationWindow(context);
    for (const { datastream_id } of await listSensors(context)) {
      for await (const page of pages(`${baseUrl}${observationsPath(datastream_id, from, to)}`, context, baseUrl)) {
        const records = page.records.map((raw) => {
          const parsed = Observation.safeParse(raw);
          // A malformed observation is passed on as it came, so the runner quarantines it with a reason.
          if (!parsed.success) {
            const fields = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
            return { datastream_id, phenomenon_time: fields.phenomenonTime ?? null, result: fields.result ?? null };
          }
          return { datastream_id, phenomenon_time: instantOf(parsed.data.phenomenonTime), result: parsed.data.result };
        });
        yield { origin: page.origin, records };
      }
    }
  },
};
