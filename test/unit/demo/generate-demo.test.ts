import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateStationSeries, type Measurement } from "../../../data/demo/air-quality.ts";
import { generateDemo, readDemoManifest } from "../../../data/demo/generate-demo.ts";
import { createRandom } from "../../../data/demo/random.ts";
import { demoStations } from "../../../data/demo/stations.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function generateInto(seed: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mm-demo-"));
  dirs.push(dir);
  generateDemo(dir, { seed, from: "2024-01-01T00:00:00Z", to: "2024-03-01T00:00:00Z", stations: 2 });
  return dir;
}

function digest(dir: string): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
    const full = path.join(file.parentPath, file.name);
    hash.update(path.relative(dir, full)).update(readFileSync(full));
  }
  return hash.digest("hex");
}

describe("generateDemo", () => {
  it("is deterministic: the same seed gives byte-identical output, another seed does not", () => {
    const a = generateInto(1);
    expect(digest(a)).toBe(digest(generateInto(1)));
    expect(digest(a)).not.toBe(digest(generateInto(2)));
    expect(readDemoManifest(a)).toMatchObject({ seed: 1, municipality: { code: "GM9999" } });
  });

  it("writes Luchtmeetnet-shaped pages", () => {
    const dir = generateInto(3);
    const stations = JSON.parse(readFileSync(path.join(dir, "luchtmeetnet/stations/page=1.json"), "utf8"));
    expect(stations.pagination).toMatchObject({ current_page: 1, last_page: 1 });
    expect(stations.data).toEqual([
      { number: "NL99001", location: "Groenmeer-Stationsplein" },
      { number: "NL99002", location: "Groenmeer-Havenweg" },
    ]);
    const detail = JSON.parse(readFileSync(path.join(dir, "luchtmeetnet/stations/NL99001.json"), "utf8"));
    expect(detail.data.geometry.coordinates).toEqual([5.1214, 52.0907]);
  });
});

describe("generateStationSeries", () => {
  const traffic = demoStations[0]!;
  const series = generateStationSeries(traffic, new Date("2023-01-01T00:00:00Z"), new Date("2024-01-01T00:00:00Z"), createRandom(9));
  const mean = (rows: Measurement[]) => rows.reduce((s, m) => s + m.value, 0) / rows.length;
  const no2 = series.filter((m) => m.formula === "NO2");
  const hourOf = (m: Measurement) => new Date(Date.parse(m.timestamp_measured) - 3_600_000).getUTCHours();
  const monthOf = (m: Measurement) => new Date(Date.parse(m.timestamp_measured) - 3_600_000).getUTCMonth();

  it("stamps each value with the end of its hour, in UTC", () => {
    expect(no2[0]!.timestamp_measured).toMatch(/^2023-01-01T0\d:00:00\+00:00$/);
  });

  it("has gaps: outages and missing hours", () => {
    expect(no2.length).toBeLessThan(8760 * 0.99);
    expect(no2.length).toBeGreaterThan(8760 * 0.9);
  });

  it("shows a morning rush hour, a winter high and lower weekends for NO2 at a traffic station", () => {
    expect(mean(no2.filter((m) => hourOf(m) === 7))).toBeGreaterThan(1.3 * mean(no2.filter((m) => hourOf(m) === 3)));
    expect(mean(no2.filter((m) => monthOf(m) === 0))).toBeGreaterThan(mean(no2.filter((m) => monthOf(m) === 6)));
    const weekday = (m: Measurement) => new Date(Date.parse(m.timestamp_measured) - 3_600_000).getUTCDay();
    expect(mean(no2.filter((m) => [0, 6].includes(weekday(m))))).toBeLessThan(mean(no2.filter((m) => ![0, 6].includes(weekday(m)))));
  });
});
