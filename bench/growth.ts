/**
 * growth: how cost grows with data. The ingest bench at 1, 10 and 30 million CSV rows and the api
 * bench on the demo at scale 1, 10 and 30 (MM_GROWTH_SCALES, e.g. "1,10"), one JSON line with a
 * point per scale. Each figure keeps its own same-run baseline (raw read_csv, the static route).
 */
import { benchApi } from "./api.ts";
import { benchIngestCsv } from "./ingest-csv.ts";

const SCALES = (process.env.MM_GROWTH_SCALES ?? "1,10,30").split(",").map(Number);

export async function benchGrowth() {
  const points = [];
  for (const scale of SCALES) {
    const ingest = await benchIngestCsv({ rows: scale * 1_000_000 });
    const api = await benchApi(scale);
    points.push({
      scale,
      ingest: { rows: ingest.rows, pipelineSeconds: ingest.pipelineSeconds, rawSeconds: ingest.rawSeconds, ratio: ingest.ratio },
      demoIngest: api.ingest,
      failedPipelines: api.failedPipelines,
      themes: { rps: api.themes.rps, p99: api.themes.p99, throughputRatio: api.themes.throughputRatio },
      coldFirstSeriesP95Ms: api.coldFirstSeriesMs?.p95,
      uncachedP95Ms: { series: api.uncachedMs.series?.p95, areas: api.uncachedMs.areas?.p95 },
      dossierP95Ms: api.permitOfficerMs.dossier?.p95,
      locationDossierP95Ms: api.permitOfficerMs.locationDossier?.p95,
      servingPeakRssMiB: api.servingPeakRssMiB,
    });
  }
  return { bench: "growth", points };
}
