/**
 * Writes the demo's CBS key figures as StatLine's OData v4 API would answer each request the
 * cbs-odata source makes: `/{table}/MeasureCodes` and `/{table}/Observations` paged at 1000 with
 * absolute `@odata.nextLink`s on the live base, exactly as CBS writes them (the source re-bases them).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { recordedPath } from "../../src/pipelines/framework/recorded-server.ts";
import { CBS_UPSTREAM_BASE, cbsMeasures, measureNames, type MeasureName } from "../../src/pipelines/sources/cbs-odata.ts";
import type { DemoArea, DemoGeography } from "./geography.ts";
import type { Random } from "./random.ts";

export const OBSERVATIONS_PAGE_SIZE = 1000;
/** Share of observations CBS withholds ("Impossible", value null). */
const MISSING_SHARE = 0.01;
/** CBS pads the WijkenEnBuurten codes to a fixed width. */
const CODE_WIDTH = 12;

type Figures = Record<MeasureName, number>;

export interface CbsOptions {
  fromYear: number;
  toYear: number;
  table: string;
  /** Observations per page (default 1000); tests pass a small one to get several pages. */
  pageSize?: number;
}

function writeResponse(dir: string, request: string, body: unknown): void {
  const file = path.join(dir, recordedPath(new URL(request, "http://recorded")));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(body));
}

/** One buurt's trajectory: a base level and trends drawn once, so each year follows from the last. */
function buurtSeries(random: Random, years: number[]): Figures[] {
  const inhabitants0 = random.int(500, 4000);
  const growth = 0.005 + random.normal() * 0.003;
  const householdSize = 2.1 + (random.next() - 0.5) * 0.4;
  const gas0 = 1200 * (0.8 + random.next() * 0.4);
  const electricity0 = 2500 * (0.85 + random.next() * 0.3);
  const solarOffset = (random.next() - 0.5) * 8;
  const chargers0 = 1 + random.next() * 5;
  const green = 10 + random.next() * 35;
  const span = Math.max(1, years.length - 1);
  return years.map((_, t) => {
    const inhabitants = Math.round(inhabitants0 * (1 + growth) ** t);
    const households = Math.round(inhabitants / householdSize);
    return {
      inhabitants,
      households,
      homes: Math.round(households * 1.03),
      avg_gas_m3: Math.round(gas0 * 0.96 ** t),
      avg_electricity_kwh: Math.round(electricity0 * 0.99 ** t),
      // From about 10 % in the first year to about 30 % in the last.
      solar_share: clamp(Math.round(10 + (20 * t) / span + solarOffset), 0, 100),
      ev_chargers: Math.round(chargers0 * 1.3 ** t),
      green_share: clamp(Math.round(green - 0.2 * t), 0, 100),
    };
  });
}

/** An area's figures from its buurten: counts add up, averages and shares are weighted by homes. */
function aggregate(parts: Figures[]): Figures {
  const sum = (m: MeasureName) => parts.reduce((s, p) => s + p[m], 0);
  const homes = sum("homes");
  const byHomes = (m: MeasureName) => Math.round(parts.reduce((s, p) => s + p[m] * p.homes, 0) / homes);
  return {
    inhabitants: sum("inhabitants"),
    households: sum("households"),
    homes,
    avg_gas_m3: byHomes("avg_gas_m3"),
    avg_electricity_kwh: byHomes("avg_electricity_kwh"),
    solar_share: byHomes("solar_share"),
    ev_chargers: sum("ev_chargers"),
    // Buurten are of similar size, so the plain mean stands in for an area-weighted one.
    green_share: Math.round(sum("green_share") / parts.length),
  };
}

function measureCodes() {
  return measureNames.map((name, index) => ({
    Identifier: cbsMeasures[name].code,
    Index: index + 1,
    Title: cbsMeasures[name].title,
    Description: "",
    MeasureGroupId: null,
    DataType: "Long",
    Unit: cbsMeasures[name].unit,
    Decimals: 0,
    PresentationType: "Absolute",
  }));
}

export function writeCbsKeyFigures(
  dir: string,
  geography: DemoGeography,
  random: Random,
  { fromYear, toYear, table, pageSize = OBSERVATIONS_PAGE_SIZE }: CbsOptions,
): void {
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
  const series = new Map<string, Figures[]>(geography.buurten.map((b) => [b.code, buurtSeries(random, years)]));
  const seriesOf = (buurten: DemoArea[]) => years.map((_, t) => aggregate(buurten.map((b) => series.get(b.code)![t]!)));
  const areas: [DemoArea, Figures[]][] = [
    [geography.gemeente, seriesOf(geography.buurten)],
    ...geography.wijken.map((w): [DemoArea, Figures[]] => [w, seriesOf(geography.buurten.filter((b) => b.parent === w.code))]),
    ...geography.buurten.map((b): [DemoArea, Figures[]] => [b, series.get(b.code)!]),
  ];

  const observations = [];
  for (const [area, figures] of areas) {
    for (const [t, year] of years.entries()) {
      for (const name of measureNames) {
        const missing = random.next() < MISSING_SHARE;
        observations.push({
          Id: observations.length,
          Measure: cbsMeasures[name].code,
          ValueAttribute: missing ? "Impossible" : "None",
          Value: missing ? null : figures[t]![name],
          WijkenEnBuurten: area.code.padEnd(CODE_WIDTH),
          Perioden: `${year}JJ00`,
        });
      }
    }
  }

  writeResponse(dir, `/${table}/MeasureCodes`, { "@odata.context": `${CBS_UPSTREAM_BASE}/${table}/$metadata#MeasureCodes`, value: measureCodes() });
  for (let skip = 0; skip === 0 || skip < observations.length; skip += pageSize) {
    const next = skip + pageSize;
    const request = skip === 0 ? `/${table}/Observations` : `/${table}/Observations?$skip=${skip}`;
    writeResponse(dir, request, {
      "@odata.context": `${CBS_UPSTREAM_BASE}/${table}/$metadata#Observations`,
      value: observations.slice(skip, next),
      ...(next < observations.length ? { "@odata.nextLink": `${CBS_UPSTREAM_BASE}/${table}/Observations?$skip=${next}` } : {}),
    });
  }
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));
