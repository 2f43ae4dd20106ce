/**
 * Everything the API says about themes and indicators: latest value, target, status, provenance.
 * Computed from the published tables at request time; a dataset not yet published reads as no data.
 */
import type { IndicatorSummary, Provenance, Series, SeriesPoint, Theme } from "../api/contract.ts";
import type { Database, QueryOptions } from "../db/database.ts";
import { publishedRuns, versionOf, type PublishedRuns } from "../db/published-runs.ts";
import { createVersionedCache } from "../db/versioned-cache.ts";
import { HttpError } from "../http/http-error.ts";
import { findPipeline } from "../../pipelines/index.ts";
import type { IndicatorDefinition, ThemeDefinition } from "./define-theme.ts";
import { findIndicator, themes } from "./index.ts";
import { indicatorRows, splitSeries } from "./indicator-series.ts";
import type { PolicyPlan } from "./policy-plan.ts";
import { assessStatus } from "./status.ts";

export interface Municipality {
  code: string;
  name: string;
}

export interface SeriesQuery {
  by: "area" | "breakdown";
  from?: number | undefined;
  to?: number | undefined;
}

export function createIndicatorService(db: Database, plan: PolicyPlan, municipality: Municipality) {
  const cache = createVersionedCache<SeriesPoint[]>();
  const municipalityCode = municipality.code;

  async function load(indicator: IndicatorDefinition, published: PublishedRuns, { timeoutMs }: QueryOptions) {
    const version = versionOf(published, indicator.pipelines);
    // Shared between requests, so not tied to one request's abort signal.
    const rows = version ? await cache.get(indicator.id, version, () => indicatorRows(db, indicator, municipalityCode, { timeoutMs })) : [];
    return splitSeries(indicator, rows, municipality);
  }

  function provenance(indicator: IndicatorDefinition, published: PublishedRuns, points: SeriesPoint[]): Provenance {
    const pipelineName = indicator.pipelines[0]!;
    const pipeline = findPipeline(pipelineName);
    const run = published.get(pipelineName);
    const periods = points.filter((p) => p.value !== null).map((p) => p.period);
    return {
      source: pipeline?.attribution.source ?? pipelineName,
      licence: pipeline?.attribution.licence ?? "unknown",
      pipeline: pipelineName,
      runId: run?.runId ?? null,
      runFinishedAt: run?.finishedAt ?? null,
      period: periods.length ? `${periods[0]}–${periods.at(-1)}` : null,
      qualityTier: indicator.qualityTier,
    };
  }

  function summarize(theme: ThemeDefinition, indicator: IndicatorDefinition, city: SeriesPoint[], published: PublishedRuns): IndicatorSummary {
    const points = city.filter((p) => p.value !== null).map((p) => ({ year: Number(p.period), value: p.value as number }));
    const latest = points.at(-1);
    const target = plan.targetFor(indicator.id);
    return {
      id: indicator.id,
      themeId: theme.id,
      name: indicator.name,
      description: indicator.description,
      unit: indicator.unit,
      direction: indicator.direction,
      latest: latest ? { period: String(latest.year), value: latest.value } : null,
      target,
      status: assessStatus({ points, direction: indicator.direction, target }),
      norms: indicator.norms,
      provenance: provenance(indicator, published, city),
    };
  }

  async function buildTheme(theme: ThemeDefinition, published: PublishedRuns, options: QueryOptions): Promise<Theme> {
    const indicators = [];
    for (const indicator of theme.indicators) {
      const { city } = await load(indicator, published, options);
      indicators.push(summarize(theme, indicator, city, published));
    }
    return { id: theme.id, name: theme.name, indicators };
  }

  function resolve(id: string) {
    const found = findIndicator(id);
    if (!found) throw new HttpError(404, "Not Found", { detail: `unknown indicator: ${id}` });
    return found;
  }

  return {
    async themes(options: QueryOptions): Promise<Theme[]> {
      const published = await publishedRuns(db, options);
      const result = [];
      for (const theme of themes) result.push(await buildTheme(theme, published, options));
      return result;
    },

    async theme(id: string, options: QueryOptions): Promise<Theme> {
      const theme = themes.find((t) => t.id === id);
      if (!theme) throw new HttpError(404, "Not Found", { detail: `unknown theme: ${id}` });
      return buildTheme(theme, await publishedRuns(db, options), options);
    },

    async indicator(id: string, options: QueryOptions): Promise<IndicatorSummary> {
      const { theme, indicator } = resolve(id);
      const published = await publishedRuns(db, options);
      const { city } = await load(indicator, published, options);
      return summarize(theme, indicator, city, published);
    },

    async series(id: string, query: SeriesQuery, options: QueryOptions): Promise<Series> {
      const { indicator } = resolve(id);
      const published = await publishedRuns(db, options);
      const { breakdown, city } = await load(indicator, published, options);
      const inRange = (p: SeriesPoint) => (query.from === undefined || Number(p.period) >= query.from) && (query.to === undefined || Number(p.period) <= query.to);
      return {
        indicatorId: indicator.id,
        unit: indicator.unit,
        by: query.by,
        points: (query.by === "breakdown" ? breakdown : city).filter(inRange),
        provenance: provenance(indicator, published, city),
      };
    },
  };
}

export type IndicatorService = ReturnType<typeof createIndicatorService>;
