/**
 * Writes the demo's citizen PM2.5 sensors as RIVM Samen Meten's SensorThings API would answer each
 * request the sensor pipelines make: Things pages and per-datastream Observations pages, one file per
 * request (see recorded-server), with absolute `@iot.nextLink`s on the LIVE base as the service
 * writes them (the pipelines re-base them onto the configured URL).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { recordedPath } from "../../src/pipelines/framework/recorded-server.ts";
import { observationsPath, SENSORTHINGS_UPSTREAM_BASE, thingsPath } from "../../src/pipelines/sources/sensorthings.ts";
import { randomPointIn, type DemoGeography } from "./geography.ts";
import type { Random } from "./random.ts";

export interface SensorThingsOptions {
  /** The pipelines' window [from, to); the demo uses the last 8 weeks before `to`, not years. */
  from: Date;
  to: Date;
  sensors?: number;
  /**
   * More sensors after those (a larger demo), drawn from their own stream so the first `sensors`
   * keep their places and values; they share the regional background.
   */
  extra?: { sensors: number; random: Random };
  thingsPerPage?: number;
  observationsPerPage?: number;
}

export interface DemoSensor {
  thingId: number;
  pm25DatastreamId: number;
  name: string;
  lon: number;
  lat: number;
  buurt: string;
  /** How many hourly observations were written for it. */
  observations: number;
}

const HOUR = 3_600_000;

/** `request` is a path and query relative to the base, e.g. `/Things?$skip=20`. */
function writeResponse(dir: string, request: string, body: unknown): void {
  const file = path.join(dir, recordedPath(new URL(request, "http://recorded")));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(body));
}

/** Pages of `items` as the service pages them: `$skip` added to the first request in each next link. */
function writePaged(dir: string, first: string, items: unknown[], pageSize: number): void {
  for (let skip = 0; skip === 0 || skip < items.length; skip += pageSize) {
    const request = skip === 0 ? first : `${first}&$skip=${skip}`;
    const hasNext = skip + pageSize < items.length;
    const body = {
      ...(skip === 0 ? { "@iot.count": items.length } : {}),
      ...(hasNext ? { "@iot.nextLink": `${SENSORTHINGS_UPSTREAM_BASE}${first}&$skip=${skip + pageSize}` } : {}),
      value: items.slice(skip, skip + pageSize),
    };
    writeResponse(dir, request, body);
  }
}

function thingOf(sensor: DemoSensor, pm10DatastreamId: number) {
  const self = (entity: string, id: number) => `${SENSORTHINGS_UPSTREAM_BASE}/${entity}(${id})`;
  const stream = (id: number, quantity: string) => ({
    "@iot.id": id,
    "@iot.selfLink": self("Datastreams", id),
    name: `${sensor.name}-0-${quantity}`,
    description: `${sensor.name}-0-${quantity}`,
    unitOfMeasurement: { symbol: "ug/m3", name: "microgram per cubic meter", definition: "ug/m3" },
    observationType: "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
  });
  return {
    "@iot.id": sensor.thingId,
    "@iot.selfLink": self("Things", sensor.thingId),
    name: sensor.name,
    description: sensor.name,
    properties: { project: "Demodata Samen Meten", owner: "burger" },
    Locations: [
      {
        "@iot.id": sensor.thingId,
        "@iot.selfLink": self("Locations", sensor.thingId),
        name: `loc-${sensor.name}`,
        description: `loc-${sensor.name}`,
        encodingType: "application/vnd.geo+json",
        location: { type: "Point", coordinates: [sensor.lon, sensor.lat] },
      },
    ],
    // A PM10 stream next to the PM2.5 one: the pipelines must pick PM2.5 out by name.
    Datastreams: [stream(sensor.pm25DatastreamId, "pm25"), stream(pm10DatastreamId, "pm10")],
  };
}

/**
 * Hourly PM2.5 of one sensor: a shared regional background (so sensors agree on the weather), a
 * daily pattern with morning and evening peaks, a per-sensor bias of ±30 %, a slow drift, noise of
 * ~20 %, outages of a few hours to two days, and rare spikes (a barbecue, a fireworks night).
 */
function series(background: number[], start: Date, random: Random): ({ time: string; value: number } | null)[] {
  const bias = 1 + (random.next() - 0.5) * 0.6;
  const driftPerDay = (random.next() - 0.5) * 0.01;
  const flaky = random.next() < 0.2;
  let outage = 0;
  return background.map((level, h) => {
    const time = new Date(start.getTime() + h * HOUR);
    if (outage > 0 || random.next() < (flaky ? 0.01 : 0.002)) {
      outage = outage > 0 ? outage - 1 : random.int(3, 48);
      return null;
    }
    const hour = time.getUTCHours();
    const daily = 1 + 0.25 * Math.exp(-(((hour - 7) / 2) ** 2)) + 0.35 * Math.exp(-(((hour - 20) / 3) ** 2));
    const drift = 1 + driftPerDay * (h / 24);
    const spike = random.next() < 0.002 ? 3 + random.next() * 5 : 1;
    const value = level * daily * bias * drift * spike * (1 + 0.2 * random.normal());
    return { time: time.toISOString(), value: Math.round(Math.max(-2, value) * 10) / 10 };
  });
}

/** A slowly varying regional level around ~12 µg/m³ (log-space AR(1) over hours). */
function regionalBackground(hours: number, random: Random): number[] {
  const levels: number[] = [];
  let log = 0;
  for (let h = 0; h < hours; h++) {
    log = 0.98 * log + 0.06 * random.normal();
    levels.push(12 * Math.exp(log));
  }
  return levels;
}

export function writeSensorThings(dir: string, geography: DemoGeography, random: Random, options: SensorThingsOptions): DemoSensor[] {
  const { from, to, sensors: count = 50, extra, thingsPerPage = 20, observationsPerPage = 1000 } = options;
  const place = (i: number, stream: Random): DemoSensor => {
    const buurt = geography.buurten[stream.int(0, geography.buurten.length - 1)]!;
    const [lon, lat] = randomPointIn(buurt, stream);
    return { thingId: 5001 + i, pm25DatastreamId: 20_001 + 2 * i, name: `LTD_${60_001 + i}`, lon, lat, buurt: buurt.code, observations: 0 };
  };
  const sensors = Array.from({ length: count }, (_, i) => place(i, random));
  const extraSensors = Array.from({ length: extra?.sensors ?? 0 }, (_, i) => place(count + i, extra!.random));
  const all = [...sensors, ...extraSensors];
  writePaged(
    dir,
    thingsPath(),
    all.map((s) => thingOf(s, s.pm25DatastreamId + 1)),
    thingsPerPage,
  );

  const hours = Math.max(0, Math.floor((to.getTime() - from.getTime()) / HOUR));
  const background = regionalBackground(hours, random);
  let observationId = 1;
  for (const [i, sensor] of all.entries()) {
    const observations = series(background, from, i < count ? random : extra!.random)
      .filter((o) => o !== null)
      // The real shape without selfLinks and resultTime, to keep the demo small.
      .map((o) => ({ "@iot.id": observationId++, phenomenonTime: o.time, result: o.value }));
    sensor.observations = observations.length;
    writePaged(dir, observationsPath(sensor.pm25DatastreamId, from, to), observations, observationsPerPage);
  }
  return all;
}
