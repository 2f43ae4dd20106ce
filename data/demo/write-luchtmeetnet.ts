/**
 * Writes the demo's air-quality data as the Luchtmeetnet open API would answer each request the
 * pipelines make: paged `{pagination, data}` documents, one file per request (see recorded-server).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { recordedPath } from "../../src/pipelines/framework/recorded-server.ts";
import { isoSeconds } from "../../src/pipelines/framework/iso-seconds.ts";
import { measurementWindows } from "../../src/pipelines/sources/luchtmeetnet.ts";
import type { Measurement } from "./air-quality.ts";
import { demoMunicipality, type DemoStation } from "./stations.ts";

export const MEASUREMENTS_PAGE_SIZE = 500;

function pagination(current: number, last: number) {
  return {
    first_page: 1,
    prev_page: Math.max(1, current - 1),
    current_page: current,
    next_page: Math.min(last, current + 1),
    last_page: last,
    page_list: Array.from({ length: last }, (_, i) => i + 1),
  };
}

function writeResponse(dir: string, request: string, body: unknown): void {
  const file = path.join(dir, recordedPath(new URL(request, "http://recorded")));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(body));
}

function writePaged(dir: string, request: string, items: unknown[], pageSize: number): void {
  const last = Math.max(1, Math.ceil(items.length / pageSize));
  for (let page = 1; page <= last; page++) {
    const separator = request.includes("?") ? "&" : "?";
    const data = items.slice((page - 1) * pageSize, page * pageSize);
    writeResponse(dir, `${request}${separator}page=${page}`, { pagination: pagination(page, last), data });
  }
}

export function writeStations(dir: string, stations: DemoStation[]): void {
  writePaged(
    dir,
    "/stations",
    stations.map(({ number, location }) => ({ number, location })),
    25,
  );
  for (const station of stations) {
    writeResponse(dir, `/stations/${station.number}`, {
      data: {
        type: station.type,
        components: Object.keys(station.base),
        location: station.location,
        geometry: { type: "point", coordinates: [station.lon, station.lat] },
        municipality: demoMunicipality.name,
        province: "Demodata",
        organisation: "Demodata Milieumonitor",
        year_start: "2015",
        url: "",
        description: [{ NL: `Demostation ${station.location}`, EN: `Demo station ${station.location}` }],
      },
    });
  }
}

/** `series` must be sorted by timestamp_measured. */
export function writeMeasurements(dir: string, station: DemoStation, series: Measurement[], from: Date, to: Date): void {
  let index = 0;
  for (const { start, end } of measurementWindows(from, to)) {
    const items: Measurement[] = [];
    while (index < series.length && Date.parse(series[index]!.timestamp_measured) <= end.getTime()) {
      if (Date.parse(series[index]!.timestamp_measured) > start.getTime()) items.push(series[index]!);
      index++;
    }
    const query = new URLSearchParams({ station_number: station.number, start: isoSeconds(start), end: isoSeconds(end) });
    writePaged(dir, `/measurements?${query}`, items, MEASUREMENTS_PAGE_SIZE);
  }
}
