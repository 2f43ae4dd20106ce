/**
 * The Luchtmeetnet open API (https://api.luchtmeetnet.nl/open_api): paged `{pagination, data}`
 * envelopes. The same code reads the live API and the demo's recorded responses; only the base URL
 * differs.
 */
import { z } from "zod";
import { isoSeconds } from "../framework/iso-seconds.ts";
import { pagesByNumber } from "../framework/paging.ts";
import type { ExtractContext, RecordSource } from "../framework/source.ts";

const StationListItem = z.object({ number: z.string(), location: z.string() });

const StationDetail = z.object({
  data: z.object({
    location: z.string(),
    type: z.string().nullish(),
    components: z.array(z.string()).default([]),
    geometry: z.object({ coordinates: z.tuple([z.number(), z.number()]) }),
  }),
});

/** Measurements are requested a week per call (the API's limit), on a fixed Monday-based grid. */
const WEEK_MS = 7 * 86_400_000;
const GRID_ORIGIN = Date.UTC(1970, 0, 5);

/**
 * The request windows covering [from, to): whole grid weeks, the first and last clipped. A resumed
 * extract starts on a grid boundary, so it asks for exactly the windows a full extract asks for.
 * A window holds the hours whose end (`timestamp_measured`) lies in (start, end].
 */
export function measurementWindows(from: Date, to: Date): { start: Date; end: Date }[] {
  const windows = [];
  for (let start = from.getTime(); start < to.getTime();) {
    const end = Math.min(floorToWeek(start) + WEEK_MS, to.getTime());
    windows.push({ start: new Date(start), end: new Date(end) });
    start = end;
  }
  return windows;
}

const floorToWeek = (ms: number) => Math.floor((ms - GRID_ORIGIN) / WEEK_MS) * WEEK_MS + GRID_ORIGIN;

async function listStations(context: ExtractContext): Promise<z.infer<typeof StationListItem>[]> {
  const stations: z.infer<typeof StationListItem>[] = [];
  for await (const page of pagesByNumber(`${context.settings.luchtmeetnet.baseUrl}/stations`, context)) {
    for (const record of page.records) stations.push(StationListItem.parse(record));
  }
  const wanted = context.settings.luchtmeetnet.stations;
  if (!wanted) return stations;
  const missing = wanted.filter((number) => !stations.some((s) => s.number === number));
  if (missing.length) throw new Error(`Luchtmeetnet does not list the configured station(s) ${missing.join(", ")}`);
  return stations.filter((s) => wanted.includes(s.number));
}

export const luchtmeetnetStations: RecordSource = {
  kind: "records",
  describe: "Luchtmeetnet /stations and /stations/{number}",
  async *extract(context) {
    for (const { number } of await listStations(context)) {
      const url = `${context.settings.luchtmeetnet.baseUrl}/stations/${encodeURIComponent(number)}`;
      const detail = StationDetail.safeParse(await context.fetchJson(url, { signal: context.signal }));
      // A station whose detail is malformed is still read, so the runner quarantines it with a reason.
      const record = detail.success
        ? {
            number,
            location: detail.data.data.location,
            type: detail.data.data.type ?? "unknown",
            components: detail.data.data.components,
            lon: detail.data.data.geometry.coordinates[0],
            lat: detail.data.data.geometry.coordinates[1],
          }
        : { number, detail: "malformed station detail" };
      yield { origin: url, records: [record] };
    }
  },
};

export const luchtmeetnetMeasurements: RecordSource = {
  kind: "records",
  describe: "Luchtmeetnet /measurements, per station in windows of 7 days",
  async *extract(context) {
    const { baseUrl } = context.settings.luchtmeetnet;
    const { from, to } = await resolveWindow(context);
    for (const { number } of await listStations(context)) {
      for (const { start, end } of measurementWindows(from, to)) {
        const query = new URLSearchParams({ station_number: number, start: isoSeconds(start), end: isoSeconds(end) });
        yield* pagesByNumber(`${baseUrl}/measurements?${query}`, context);
      }
    }
  },
};

/**
 * Incremental: resume at the grid week holding the hour two days before the newest published one
 * (late corrections are re-read and upserted), or start at the configured date; end at the
 * configured date or now.
 */
async function resolveWindow(context: ExtractContext): Promise<{ from: Date; to: Date }> {
  const settings = context.settings.luchtmeetnet;
  const to = settings.to ? new Date(settings.to) : truncateToHour(context.now);
  const latest = await latestPublished(context);
  const configuredFrom = settings.from ? new Date(settings.from) : addDays(to, -30);
  const resumeAt = latest ? new Date(floorToWeek(addDays(new Date(`${latest.replace(" ", "T")}Z`), -2).getTime())) : null;
  const from = resumeAt && resumeAt > configuredFrom ? resumeAt : configuredFrom;
  return { from, to };
}

async function latestPublished(context: ExtractContext): Promise<string | null> {
  const exists = await context.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' AND table_name = $1", [context.table]);
  if (exists.length === 0) return null;
  const rows = await context.query(`SELECT max(timestamp_measured)::VARCHAR AS latest FROM main."${context.table}"`);
  return (rows[0]?.latest as string | null | undefined) ?? null;
}

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const truncateToHour = (date: Date) => new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);
