/**
 * A pipeline's runs over time: rows loaded and rejected per run (stacked bars) and each run's duration
 * (a line with a dot per run), oldest left. A failed run is marked by shape and text, not colour alone:
 * "✕ mislukt" above its bar and a ✕ instead of a dot. Pure: runs in, an element with two Plot charts
 * out; the view gives the same figures as a table.
 */
import { Plot } from "./plot.ts";
import type { RunSummary } from "../../../src/ground/contract/contract.ts";
import { formatNumber } from "../format.ts";
import { translate, type Lang } from "../i18n.ts";
import { chartColours } from "./target-marks.ts";

export interface QualityPoint {
  run: string;
  runId: number;
  failed: boolean;
  loaded: number;
  rejected: number;
  seconds: number | null;
}

const failedColour = "#a11919";
const rejectedColour = "#c8553d";

/** Finished runs, oldest first (the API lists them newest first). */
export function qualityPoints(runs: readonly RunSummary[]): QualityPoint[] {
  return runs
    .filter((run) => run.status !== "running")
    .map((run) => ({
      run: String(run.runId),
      runId: run.runId,
      failed: run.status !== "succeeded",
      loaded: run.status === "succeeded" ? (run.rowsLoaded ?? 0) : 0,
      rejected: run.rowsRejected ?? 0,
      seconds: run.finishedAt ? Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : null,
    }))
    .sort((a, b) => a.runId - b.runId);
}

export function runQualityChart(points: readonly QualityPoint[], { width, lang }: { width: number; lang: Lang }): HTMLElement {
  const tr = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const runs = points.map((p) => p.run);
  // At most about twelve run numbers on the axis, however many runs.
  const every = Math.max(1, Math.ceil(runs.length / 12));
  const x = { type: "band" as const, domain: runs, label: tr("quality.run"), tickFormat: (run: string) => (runs.indexOf(run) % every === 0 ? run : "") };
  const failed = points.filter((p) => p.failed);
  const [loaded, rejected] = [tr("quality.loaded"), tr("quality.rejected")];
  const bars = points.flatMap((p) => [
    { run: p.run, kind: loaded, n: p.loaded },
    { run: p.run, kind: rejected, n: p.rejected },
  ]);
  const count = (n: number) => formatNumber(n, lang, { digits: 0 });
  const rows = Plot.plot({
    width,
    height: 200,
    marginLeft: 60,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x,
    y: { label: tr("quality.rows"), grid: true, tickFormat: count },
    color: { domain: [loaded, rejected], range: [chartColours.target, rejectedColour], legend: true },
    marks: [
      Plot.barY(
        bars,
        Plot.stackY({ x: "run", y: "n", fill: "kind", title: (b: (typeof bars)[number]) => `${tr("quality.run")} ${b.run}: ${count(b.n)} ${b.kind}` }),
      ),
      Plot.text(failed, {
        x: "run",
        frameAnchor: "top",
        dy: 6,
        text: () => `✕ ${tr("quality.failed")}`,
        fill: failedColour,
        fontWeight: "bold",
        className: "mm-quality-failed",
      }),
      Plot.ruleY([0]),
    ],
  });
  const timed = points.filter((p) => p.seconds !== null);
  const duration = Plot.plot({
    width,
    height: 140,
    marginLeft: 60,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x,
    y: { label: tr("quality.duration"), grid: true, zero: true, ticks: 4, tickFormat: (s: number) => formatNumber(s, lang, { digits: 1 }) },
    marks: [
      Plot.line(timed, { x: "run", y: "seconds", stroke: chartColours.ink }),
      Plot.dot(
        timed.filter((p) => !p.failed),
        { x: "run", y: "seconds", r: 3, fill: chartColours.ink, className: "mm-quality-run" },
      ),
      Plot.dot(
        timed.filter((p) => p.failed),
        { x: "run", y: "seconds", r: 6, symbol: "times", stroke: failedColour, strokeWidth: 2.5, className: "mm-quality-failed-dot" },
      ),
    ],
  });
  const figure = document.createElement("div");
  figure.append(rows, duration);
  return figure;
}
