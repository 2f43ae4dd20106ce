/**
 * Disclosure control as a reader of the policy view attacks it, on a monitor on the demo: every
 * table the policy role can read (each indicator under disclosure control × period, gemeente, wijk
 * and buurt together) is read from the API, and for each hidden number the smallest and largest value
 * consistent with everything published is worked out by integer programming — written here as LP
 * text and solved by HiGHS's one-shot solver, apart from the server's own audit. No hidden number may
 * be narrowed to fewer than three values. The same cells are hidden in every format.
 */
import { tableFromIPC } from "apache-arrow";
import highsLoader from "highs";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Series, ThemeList, type IndicatorSummary } from "../../src/ground/contract/contract.ts";
import { AreaValues } from "../../src/ground/contract/contract-areas.ts";
import { loadHierarchy } from "../../src/engine/themes/area-hierarchy.ts";
import { findIndicator } from "../../src/engine/themes/index.ts";
import { indicatorCells, indicatorRows } from "../../src/engine/themes/indicator-series.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let policy: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  policy = await login(monitor.url, "policy");
});
afterAll(() => monitor?.close());

const get = (path: string) => fetch(`${monitor.url}${path}`, { headers: { cookie: policy.cookie } });
async function json(path: string): Promise<unknown> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return response.json();
}

/** A cell as the policy role reads it. */
interface Published {
  areaCode: string;
  parent: string | null;
  value: number | null;
  suppressed: boolean;
}

/** Every table of one indicator: per period, the municipality and every area down to the lowest level. */
async function publishedTables(indicator: IndicatorSummary): Promise<Map<string, Published[]>> {
  const levels = indicator.lowestLevel === "buurt" ? ["wijk", "buurt"] : ["wijk"];
  const { periods } = AreaValues.parse(await json(`/api/v1/indicators/${indicator.id}/areas?level=${indicator.lowestLevel}`));
  const tables = new Map<string, Published[]>();
  for (const period of periods) {
    const cells: Published[] = [];
    for (const level of levels) {
      const values = AreaValues.parse(await json(`/api/v1/indicators/${indicator.id}/areas?level=${level}&period=${period}`));
      if (level === "wijk") cells.push({ ...values.city, parent: null });
      cells.push(...values.areas);
    }
    tables.set(period, cells);
  }
  return tables;
}

/** The counts behind the published values, from the monitor's own tables: the reader is assumed to know every published cell's count. */
async function unitsOf(indicatorId: string): Promise<Map<string, number>> {
  const indicator = findIndicator(indicatorId)!.indicator;
  const areas = await loadHierarchy(monitor.db, await monitor.db.published.settled(), monitor.municipality, {});
  const cells = indicatorCells(indicator, await indicatorRows(monitor.db, indicator, monitor.municipality.code, {}), areas);
  return new Map(cells.map((c) => [`${c.period}|${c.areaCode}`, c.units!]));
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
const CAP = 1_000_000;

/**
 * The attacker's integer programme for one table: parent = Σ parts (+ what lies outside every buurt,
 * ≥ 0, for the municipality), a published cell at its count, a hidden cell a whole number ≥ 1.
 * Returns each hidden number's [min, max]; max is Infinity when only CAP stops it.
 */
function attack(highs: Highs, cells: Published[], units: (code: string) => number): Map<string, [number, number]> {
  const name = new Map(cells.filter((c) => c.suppressed).map((c, i) => [c.areaCode, `h${i}`]));
  const city = cells.find((c) => c.parent === null)!;
  const rows: string[] = [];
  for (const parent of cells) {
    const parts = cells.filter((c) => c.parent === parent.areaCode);
    if (parts.length === 0) continue;
    const terms: string[] = [];
    let constant = 0;
    const term = (cell: Published, sign: 1 | -1) => {
      const variable = name.get(cell.areaCode);
      if (variable) terms.push(`${sign === 1 ? "+" : "-"} ${variable}`);
      else constant -= sign * units(cell.areaCode);
    };
    term(parent, 1);
    for (const part of parts) term(part, -1);
    if (parent === city) terms.push("- outside");
    if (terms.length) rows.push(` s${rows.length}: ${terms.join(" ")} = ${constant}`);
    else expect(constant, `the published parts of ${parent.areaCode} add up`).toBe(0);
  }
  const variables = [...name.values(), "outside"];
  const bounds = variables.map((v) => ` ${v === "outside" ? 0 : 1} <= ${v} <= ${CAP}`);
  const solve = (sense: "Minimize" | "Maximize", variable: string) => {
    const text = [sense, ` obj: ${variable}`, "Subject To", ...rows, "Bounds", ...bounds, "General", ` ${variables.join(" ")}`, "End"].join("\n");
    const solution = highs.solve(text);
    expect(solution.Status, text).toBe("Optimal");
    return Math.round(solution.ObjectiveValue);
  };
  const result = new Map<string, [number, number]>();
  const outside = units(city.areaCode) - cells.filter((c) => c.parent === city.areaCode).reduce((s, c) => s + units(c.areaCode), 0);
  const targets = [...name.entries(), ...(outside > 0 && outside < 5 ? [["outside every buurt", "outside"] as const] : [])];
  for (const [label, variable] of targets) {
    const max = solve("Maximize", variable);
    result.set(label, [solve("Minimize", variable), max === CAP ? Infinity : max]);
  }
  return result;
}

describe("disclosure control against a reader of everything the policy role sees", () => {
  it("leaves every hidden number of every published table at least three possible values", async () => {
    const highs = await highsLoader();
    const { themes } = ThemeList.parse(await json("/api/v1/themes"));
    const counted = themes.flatMap((t) => t.indicators).filter((i) => i.disclosure !== null);
    expect(counted.map((i) => i.id).sort()).toEqual(["noise-complaints", "odour-complaints", "soil-risk-compliance"]);

    let tables = 0;
    let hidden = 0;
    let narrowest = { values: Infinity, where: "" };
    for (const indicator of counted) {
      const units = await unitsOf(indicator.id);
      for (const [period, cells] of await publishedTables(indicator)) {
        const count = (code: string) => units.get(`${period}|${code}`)!;
        for (const cell of cells) {
          const where = `${indicator.id} ${period} ${cell.areaCode}`;
          expect(units.has(`${period}|${cell.areaCode}`), where).toBe(true);
          // A zero is never hidden, as the reader is told; a count of complaints is published as itself.
          if (cell.suppressed) expect([cell.value, count(cell.areaCode) > 0], where).toEqual([null, true]);
          else if (indicator.disclosure === "complaints") expect(cell.value, where).toBe(count(cell.areaCode));
        }
        tables++;
        for (const [code, [min, max]] of attack(highs, cells, count)) {
          hidden++;
          const values = max - min + 1;
          if (values < narrowest.values) narrowest = { values, where: `${indicator.id} ${period} ${code}: ${min}–${max}` };
          expect(values, `${indicator.id} ${period} ${code}: ${min}–${max}`).toBeGreaterThanOrEqual(3);
        }
      }
    }
    expect(tables).toBeGreaterThan(10);
    expect(hidden).toBeGreaterThan(50);
    console.info(`disclosure audit: ${tables} tables, ${hidden} hidden numbers, the narrowest holds ${narrowest.values} values (${narrowest.where})`);
  });

  it("hides the same cells in the breakdown series as in the values per area", async () => {
    for (const id of ["noise-complaints", "odour-complaints", "soil-risk-compliance"]) {
      const series = Series.parse(await json(`/api/v1/indicators/${id}/series?by=breakdown`));
      const lowest = series.points[0]!.level;
      const { periods } = AreaValues.parse(await json(`/api/v1/indicators/${id}/areas?level=${lowest}`));
      const byAreas = [];
      for (const period of periods) {
        const values = AreaValues.parse(await json(`/api/v1/indicators/${id}/areas?level=${lowest}&period=${period}`));
        byAreas.push(...values.areas.filter((a) => a.suppressed).map((a) => `${period}|${a.areaCode}`));
      }
      const bySeries = series.points.filter((p) => p.suppressed && periods.includes(p.period)).map((p) => `${p.period}|${p.areaCode}`);
      expect(bySeries.sort(), id).toEqual(byAreas.sort());
    }
  });
});

/** RFC 4180 fields of one CSV line (names may hold commas and quotes). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => (m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!));
}

describe("the same cells hidden in every format", () => {
  it("JSON, CSV, Arrow and Parquet of noise complaints per buurt, all periods", async () => {
    const url = "/api/v1/indicators/noise-complaints/series?by=breakdown";
    const series = Series.parse(await json(url));
    const hidden = series.points
      .filter((p) => p.suppressed)
      .map((p) => `${p.period}|${p.areaCode}`)
      .sort();
    expect(hidden.length).toBeGreaterThan(10);
    expect(series.points.filter((p) => p.suppressed).every((p) => p.value === null)).toBe(true);

    const bytes = async (format: string) => {
      const response = await get(`${url}&format=${format}`);
      expect(response.status, format).toBe(200);
      return new Uint8Array(await response.arrayBuffer());
    };
    const csvText = new TextDecoder("utf-8", { ignoreBOM: false }).decode(await bytes("csv&sep=comma&lang=en"));
    const [header, ...lines] = csvText.split("\r\n").filter((l) => l !== "" && !l.startsWith("# "));
    const column = (name: string) => csvFields(header!).indexOf(name);
    const csvRows = lines.map(csvFields).map((f) => ({
      period: f[column("period")],
      area_code: f[column("area_code")],
      value: f[column("value")],
      suppressed: f[column("suppressed")] === "true",
    }));
    const arrowRows = tableFromIPC(await bytes("arrow"))
      .toArray()
      .map((r) => r.toJSON() as { period: string; area_code: string; value: number | null; suppressed: boolean });
    const parquetRows = (await parquetReadObjects({ file: (await bytes("parquet")).slice().buffer })) as {
      period: string;
      area_code: string;
      value: number | null;
      suppressed: boolean;
    }[];

    const formats = { CSV: csvRows, Arrow: arrowRows, Parquet: parquetRows };
    for (const [format, rows] of Object.entries(formats)) {
      expect(rows.length, format).toBe(series.points.length);
      const suppressed = rows.filter((r) => r.suppressed);
      expect(suppressed.map((r) => `${r.period}|${r.area_code}`).sort(), format).toEqual(hidden);
      expect(
        suppressed.every((r) => r.value === null || r.value === ""),
        format,
      ).toBe(true);
    }
  });
});
