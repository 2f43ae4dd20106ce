/**
 * disclosure: what disclosure control with its audit by linear programming (docs/decisions/0015)
 * costs at a publish, for every indicator under disclosure control together (a publish of the
 * registers recomputes them all), at scale 1 and 10 (MM_DISCLOSURE_SCALES, e.g. "1,10,30").
 *
 * The tables are the demo's own: its registers and areas ingested by the real pipelines into a
 * temporary database, rows from the indicators' SQL. The demo generator's scale grows measurements
 * and sensors only, never registers or areas, so it would leave these tables unchanged; scale N here
 * repeats the area tree N times under the one municipality instead (copy k of a wijk takes the
 * rows of the period k years on, round the periods), so each table has N times the cells and sums.
 *
 * Figures are medians of REPEATS runs, as ratios to baselines measured in the same run: the roll-up
 * (the work every publish does anyway) and the pass disclosure control was before the audit. The
 * old pass's own audit is reported too: how many hidden cells a reader could work out exactly or
 * to two values.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findPipeline, pipelines } from "../src/pipelines/index.ts";
import { loadConfig } from "../src/app/config.ts";
import { openPipelineContext } from "../src/app/start-monitor.ts";
import { buildHierarchy, loadHierarchy, type AreaHierarchy, type AreaNode } from "../src/engine/themes/area-hierarchy.ts";
import type { IndicatorDefinition } from "../src/engine/themes/define-theme.ts";
import { auditPattern, controlDisclosure, suppressByGroups, type DisclosureReport } from "../src/engine/themes/disclosure.ts";
import { loadSolver } from "../src/engine/themes/disclosure-audit.ts";
import { themes } from "../src/engine/themes/index.ts";
import { HIERARCHY_PIPELINES } from "../src/engine/themes/indicator-service.ts";
import { indicatorCells, indicatorRows } from "../src/engine/themes/indicator-series.ts";
import type { SourceRow } from "../src/engine/themes/rollup.ts";
import { demoAtScale } from "./api.ts";

const SCALES = (process.env.MM_DISCLOSURE_SCALES ?? "1,10").split(",").map(Number);
const REPEATS = 5;

interface Table {
  indicator: IndicatorDefinition;
  rows: SourceRow[];
}

export async function benchDisclosure() {
  const { tables, areas } = await demoTables();
  await loadSolver();
  const points = [];
  for (const scale of SCALES) {
    const tree = scale === 1 ? areas : tiledHierarchy(areas, scale);
    const scaled = scale === 1 ? tables : tables.map((t) => ({ ...t, rows: tiledRows(t.rows, areas, scale) }));
    points.push({ scale, ...(await measure(scaled, tree)) });
  }
  return { bench: "disclosure", indicators: tables.map((t) => t.indicator.id), repeats: REPEATS, points };
}

/** The counted indicators' rows and the area tree, from the demo ingested by the pipelines they read. */
async function demoTables(): Promise<{ tables: Table[]; areas: AreaHierarchy }> {
  const counted = themes.flatMap((t) => t.indicators).filter((i) => i.disclosure !== null);
  const needed = new Set([...HIERARCHY_PIPELINES, ...counted.flatMap((i) => i.pipelines)]);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-disclosure-"));
  const config = loadConfig({}, { MM_DB: path.join(tmp, "bench.duckdb"), MM_DEMO: true, MM_DEMO_DIR: demoAtScale(1), MM_DB_RESERVE_MB: 0 });
  const context = await openPipelineContext({ config, clock: () => new Date("2026-03-02T09:00:00Z") });
  try {
    // Registry order: what a pipeline reads is loaded before it.
    for (const pipeline of pipelines.filter((p) => needed.has(p.name))) {
      const result = await context.runner.run(findPipeline(pipeline.name)!, "cli");
      if (result.status !== "succeeded") throw new Error(`bench ingest of ${pipeline.name} failed: ${result.error}`);
    }
    const published = await context.db.published.settled();
    const areas = await loadHierarchy(context.db, published, context.municipality, {});
    const tables = [];
    for (const indicator of counted) tables.push({ indicator, rows: await indicatorRows(context.db, indicator, context.municipality.code, {}) });
    return { tables, areas };
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function measure(tables: Table[], areas: AreaHierarchy) {
  const rollupMs: number[] = [];
  const groupsMs: number[] = [];
  const auditMs: number[] = [];
  let reports: DisclosureReport[] = [];
  for (let run = 0; run <= REPEATS; run++) {
    // Run 0 warms the JIT and is not counted.
    const timed = <T>(times: number[], work: () => T): T => {
      const started = performance.now();
      const result = work();
      if (run > 0) times.push(performance.now() - started);
      return result;
    };
    const all = timed(rollupMs, () => tables.map((t) => indicatorCells(t.indicator, t.rows, areas)));
    timed(groupsMs, () => all.map((cells) => suppressByGroups(cells)));
    const started = performance.now();
    reports = [];
    for (const cells of all) reports.push((await controlDisclosure(cells)).report);
    if (run > 0) auditMs.push(performance.now() - started);
  }
  const cells = tables.map((t) => indicatorCells(t.indicator, t.rows, areas));
  const before = (await Promise.all(cells.map((c) => auditPattern(suppressByGroups(c))))).flat();
  // The audit stops counting a number's values at enough; the exact minimum is worked out apart, untimed.
  const exactMin = (await Promise.all(cells.map(async (c) => auditPattern((await controlDisclosure(c)).cells)))).flat().map((a) => a.interval.values);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ms = (x: number) => Number(x.toFixed(2));
  const sum = (pick: (r: DisclosureReport) => number) => reports.reduce((s, r) => s + pick(r), 0);
  return {
    tables: sum((r) => r.tables),
    cellsPerTable: Math.round(cells.flat().filter((c) => c.units !== null).length / sum((r) => r.tables)),
    rollupMs: ms(median(rollupMs)),
    groupsPassMs: ms(median(groupsMs)),
    auditMsPerPublish: ms(median(auditMs)),
    auditToRollupRatio: Number((median(auditMs) / median(rollupMs)).toFixed(1)),
    auditToGroupsPassRatio: Number((median(auditMs) / median(groupsMs)).toFixed(1)),
    audits: sum((r) => r.audits),
    linearProgrammes: sum((r) => r.solves),
    hidden: { primary: sum((r) => r.hidden.primary), complementary: sum((r) => r.hidden.complementary), byAudit: sum((r) => r.hidden.audit) },
    minFeasibleValues: exactMin.length ? Math.min(...exactMin) : null,
    groupsPassAlone: {
      hiddenNumbers: before.length,
      workedOutExactly: before.filter((b) => b.interval.values === 1).length,
      toTwoValues: before.filter((b) => b.interval.values === 2).length,
    },
  };
}

const copyCode = (code: string, k: number) => (k === 0 ? code : `${code}-${k}`);

/** The tree with every wijk and its buurten repeated `scale` times under the municipality. */
function tiledHierarchy(areas: AreaHierarchy, scale: number): AreaHierarchy {
  const nodes: AreaNode[] = [areas.municipality];
  for (let k = 0; k < scale; k++) {
    for (const level of ["wijk", "buurt"] as const) {
      for (const node of areas.atLevel(level))
        nodes.push({ ...node, code: copyCode(node.code, k), parent: level === "wijk" ? node.parent : copyCode(node.parent!, k) });
    }
  }
  return buildHierarchy(areas.municipality, nodes);
}

/** Copy k of a buurt takes the buurt's row of the period k places on; rows outside every buurt come along. */
function tiledRows(rows: SourceRow[], areas: AreaHierarchy, scale: number): SourceRow[] {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const tiled: SourceRow[] = [];
  for (const [i, period] of periods.entries()) {
    for (let k = 0; k < scale; k++) {
      const source = periods[(i + k) % periods.length];
      for (const row of rows.filter((r) => r.period === source)) {
        const inTree = row.areaCode !== null && areas.get(row.areaCode)?.level === "buurt";
        tiled.push({ ...row, period, areaCode: inTree ? copyCode(row.areaCode!, k) : row.areaCode });
      }
    }
  }
  return tiled;
}
