/**
 * Prometheus metrics: the process (memory, event loop, GC: prom-client's defaults), DuckDB's own
 * memory per component, HTTP request durations per route, pipeline runs and rows per pipeline and
 * status, and each dataset's freshness (when it was published, the newest timestamp in its data,
 * its age and whether it is stale, judged as the pipeline view judges it). Run counts are read from the run history when scraped, so they survive restarts as the
 * history does.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../../store/database.ts";
import type { PipelineService } from "../pipelines/pipeline-service.ts";

export interface Metrics {
  registry: Registry;
  /**
   * Counts one answered request, labelled with its route pattern (never the raw URL: bounded labels);
   * called by the access log (src/web/http/request-log.ts), which already times every request.
   */
  observeRequest(request: { method: string; route: string | null; status: number; seconds: number }): void;
}

/** `load` at most once at a time: callers while it runs share its answer, a later call loads anew. */
function oncePerScrape<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().finally(() => {
      pending = null;
    }));
}

/**
 * prom-client's defaults name three gauges `_total` (nodejs_active_handles_total, …_requests_total,
 * …_resources_total), a suffix Prometheus keeps for counters: `promtool check metrics` rejects them.
 * Each is registered again as `<name>_all`, read from the original so the figure is prom-client's own.
 */
export const RENAMED_DEFAULT_GAUGES = ["nodejs_active_handles", "nodejs_active_requests", "nodejs_active_resources"] as const;

function renameTotalGauges(registry: Registry): void {
  for (const name of RENAMED_DEFAULT_GAUGES) {
    const original = registry.getSingleMetric(`${name}_total`);
    // Absent where Node lacks the call behind it (prom-client then registers nothing).
    if (!original) continue;
    registry.removeSingleMetric(`${name}_total`);
    new Gauge({
      name: `${name}_all`,
      help: `Total number of ${name.slice("nodejs_active_".length)} of every type (prom-client's ${name}_total, renamed: a gauge must not end in _total)`,
      registers: [registry],
      async collect() {
        const { values } = await original.get();
        this.set(values[0]?.value ?? 0);
      },
    });
  }
}

export function createMetrics(db: Database, pipelines: Pick<PipelineService, "freshness">): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  renameTotalGauges(registry);

  const duration = new Histogram({
    name: "mm_http_request_duration_seconds",
    help: "HTTP request duration by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });

  new Gauge({
    name: "mm_duckdb_memory_bytes",
    help: "Memory DuckDB's buffer manager holds, by component (duckdb_memory())",
    labelNames: ["tag"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await db.query("SELECT tag, memory_usage_bytes FROM duckdb_memory()", [], { timeoutMs: 2_000 })) {
        this.set({ tag: String(row.tag) }, Number(row.memory_usage_bytes));
      }
    },
  });

  // prom-client collects all metrics of a scrape concurrently: metrics that share a query share it per scrape.
  const runHistory = oncePerScrape(() =>
    db.query(
      `SELECT pipeline, status, count(*) AS runs, coalesce(sum(rows_loaded), 0) AS loaded, coalesce(sum(rows_rejected), 0) AS rejected
       FROM meta.pipeline_runs WHERE status <> 'running' GROUP BY ALL`,
      [],
      { timeoutMs: 2_000 },
    ),
  );
  new Counter({
    name: "mm_pipeline_runs_total",
    help: "Pipeline runs by pipeline and final status",
    labelNames: ["pipeline", "status"] as const,
    registers: [registry],
    async collect() {
      const history = await runHistory();
      this.reset();
      for (const r of history) this.inc({ pipeline: String(r.pipeline), status: String(r.status) }, Number(r.runs));
    },
  });
  new Counter({
    name: "mm_pipeline_rows_total",
    help: "Rows loaded or rejected by pipeline runs",
    labelNames: ["pipeline", "outcome"] as const,
    registers: [registry],
    async collect() {
      const history = await runHistory();
      this.reset();
      for (const r of history) {
        this.inc({ pipeline: String(r.pipeline), outcome: "loaded" }, Number(r.loaded));
        this.inc({ pipeline: String(r.pipeline), outcome: "rejected" }, Number(r.rejected));
      }
    },
  });

  new Gauge({
    name: "mm_dataset_published_timestamp_seconds",
    help: "When the run whose data is published now finished, per pipeline",
    labelNames: ["pipeline"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [pipeline, run] of await db.published.settled()) {
        if (run.finishedAt) this.set({ pipeline }, Date.parse(run.finishedAt) / 1000);
      }
    },
  });

  // The data's own age, judged as the analyst's pipeline view, GET /readyz and the alerts judge it (release-schedule.ts).
  const dataFreshness = oncePerScrape(() => pipelines.freshness({ timeoutMs: 2_000 }));
  new Gauge({
    name: "mm_dataset_newest_timestamp_seconds",
    help: "The newest timestamp or day in each pipeline's published data (its freshness column), per pipeline dated by the hour or day",
    labelNames: ["pipeline"] as const,
    registers: [registry],
    async collect() {
      const all = await dataFreshness();
      this.reset();
      for (const { name, freshness } of all) {
        if (freshness.latest && (freshness.basis === "timestamp" || freshness.basis === "date"))
          this.set({ pipeline: name }, Date.parse(freshness.latest) / 1000);
      }
    },
  });
  new Gauge({
    // Seconds, Prometheus's base unit (promtool rejects `_hours`); the pipeline view's age is in tenths of an hour.
    name: "mm_dataset_age_seconds",
    help: "Seconds since the end of the newest period in each pipeline's published data (or its last publish, for records without a period), by the wall clock",
    labelNames: ["pipeline"] as const,
    registers: [registry],
    async collect() {
      const all = await dataFreshness();
      this.reset();
      for (const { name, ageHours } of all) if (ageHours !== null) this.set({ pipeline: name }, Math.round(ageHours * 3600));
    },
  });
  new Gauge({
    name: "mm_dataset_stale",
    help: "1 while a pipeline's data is older than its source's release schedule allows (errorAfterHours), else 0; also on the demo's frozen snapshot",
    labelNames: ["pipeline"] as const,
    registers: [registry],
    async collect() {
      const all = await dataFreshness();
      this.reset();
      for (const { name, freshness } of all) if (freshness.status !== "unknown") this.set({ pipeline: name }, freshness.status === "stale" ? 1 : 0);
    },
  });

  const observeRequest: Metrics["observeRequest"] = ({ method, route, status, seconds }) =>
    duration.observe({ route: route ?? "unmatched", method, status: String(status) }, seconds);

  return { registry, observeRequest };
}
