/**
 * Everything the API says about themes and indicators: values per area and period, target, status
 * and provenance. Computed from the published tables and cached per published version; a dataset not
 * yet published reads as no data. The policy role gets aggregates with small cells suppressed: the
 * suppression runs here, before anything is serialised, so JSON, CSV and Arrow carry the same cells.
 */
import type { AreaLevel, IndicatorSummary, OffTrackArea, Provenance, Role, Series, SeriesPoint, Theme } from "../../ground/contract/contract.ts";
import type { AreaProfile, AreaProfileIndicator, AreaValues } from "../../ground/contract/contract-areas.ts";
import type { Database, QueryOptions } from "../../store/database.ts";
import { versionOf, type PublishedRuns } from "../../store/published-runs.ts";
import { createVersionedCache } from "../../store/versioned-cache.ts";
import { BadParameter, DataChanged, NotFound } from "../../ground/domain-errors.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { msg } from "../../ground/i18n/message.ts";
import { findPipeline } from "../../pipelines/index.ts";
import { assessAreas, furthestOffTrack, gapToTarget, offTrackAreas } from "./area-assessment.ts";
import { HIERARCHY_PIPELINES, loadHierarchy, type AreaHierarchy } from "./area-hierarchy.ts";
import type { IndicatorDefinition, ThemeDefinition } from "./define-theme.ts";
import { SUPPRESSION_RULE, suppressSmallCells } from "./disclosure.ts";
import { findIndicator, themes } from "./index.ts";
import { indicatorCells, indicatorRows } from "./indicator-series.ts";
import type { PolicyPlan } from "./policy-plan.ts";
import { assessFreshness } from "./release.ts";
import { isServedLevel, type Cell } from "./rollup.ts";
import { assessStatus, withProvisional } from "./status.ts";

export interface Municipality {
  code: string;
  name: string;
}

/** Who is asking decides what may be shown: the policy role sees aggregates under disclosure control. */
export type Audience = "aggregates" | "full";
export const audienceOf = (role: Role): Audience => (role === "policy" ? "aggregates" : "full");

export interface SeriesQuery {
  by: "area" | "breakdown";
  area?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

export interface AreasQuery {
  level?: AreaLevel | undefined;
  period?: number | undefined;
}

interface Context extends QueryOptions {
  audience: Audience;
}

const RECENT_PERIODS = 10;
const OFF_TRACK_SHOWN = 5;

/** The latest period with a value (or a suppressed one) at a level: what an area view shows unless asked. */
const latestAreaPeriod = (cells: Cell[], level: AreaLevel) =>
  cells
    .filter((c) => c.level === level && (c.value !== null || c.suppressed))
    .map((c) => c.period)
    .sort()
    .at(-1) ?? null;
export { HIERARCHY_PIPELINES };

export function createIndicatorService(db: Database, plan: PolicyPlan, municipality: Municipality, now: () => Date) {
  const cells = createVersionedCache<Cell[]>();
  const hierarchies = createVersionedCache<AreaHierarchy>(4);
  const assessments = createVersionedCache<AreaValues>();

  function hierarchyVersion(published: PublishedRuns) {
    return HIERARCHY_PIPELINES.map((name) => published.get(name)?.runId ?? "-").join(",");
  }

  function hierarchy(published: PublishedRuns, options: QueryOptions) {
    return hierarchies.get("areas", hierarchyVersion(published), () => loadHierarchy(db, published, municipality, { timeoutMs: options.timeoutMs }));
  }

  /** The indicator's cells for this audience, from cache while the tables it reads are unchanged. */
  async function load(
    indicator: IndicatorDefinition,
    published: PublishedRuns,
    { audience, timeoutMs }: Context,
  ): Promise<{ cells: Cell[]; areas: AreaHierarchy }> {
    const areas = await hierarchy(published, { timeoutMs });
    const version = versionOf(published, indicator.pipelines);
    if (!version) return { cells: [], areas };
    // Shared between requests, so not tied to one request's abort signal.
    const computed = await cells.get(`${indicator.id}|${audience}`, `${version}|${hierarchyVersion(published)}`, async () => {
      const all = indicatorCells(indicator, await indicatorRows(db, indicator, municipality.code, { timeoutMs }), areas);
      // Cached under the version read before the rows: a publish in between would mislabel them.
      if (versionOf(await db.published.settled(), indicator.pipelines) !== version) throw new DataChanged();
      // Disclosure control and its audit (linear programmes) run here, once per published version: warm() does it at the publish.
      return audience === "aggregates" ? await suppressSmallCells(all) : all;
    });
    return { cells: computed, areas };
  }

  /**
   * Computes the cells of every indicator a publish changed, for both audiences, right after it: the
   * scans of raw data happen then, not when the first request comes (unchanged ones are cache hits).
   */
  async function warm(published: PublishedRuns) {
    for (const theme of themes) {
      for (const indicator of theme.indicators) {
        for (const audience of ["aggregates", "full"] as const) await load(indicator, published, { audience, timeoutMs: 60_000 }).catch(() => {});
      }
    }
  }
  db.published.subscribe((published) => void warm(published));
  void db.published.settled().then(warm);

  /** The municipality's periods with a value that rests partly on provisional or unvalidated data. */
  const provisionalPeriods = (city: Cell[]) => city.filter((c) => c.value !== null && c.tier && c.tier !== "validated").map((c) => c.period);

  const cityCells = (cells: Cell[]) => cells.filter((c) => c.level === "gemeente" && c.areaCode === municipality.code);

  function provenance(indicator: IndicatorDefinition, published: PublishedRuns, city: Cell[]): Provenance {
    const inputs = indicator.pipelines.map((pipeline) => {
      const run = published.get(pipeline);
      return { pipeline, runId: run?.runId ?? null, runFinishedAt: run?.finishedAt ?? null };
    });
    const cited = inputs[0]!;
    const pipeline = findPipeline(cited.pipeline);
    const valued = city.filter((c) => c.value !== null);
    const periods = valued.map((c) => c.period);
    const latestTier = valued.at(-1)?.tier ?? null;
    return {
      source: pipeline?.attribution.source ?? cited.pipeline,
      licence: pipeline?.attribution.licence ?? "unknown",
      ...cited,
      inputs,
      period: periods.length ? `${periods[0]}–${periods.at(-1)}` : null,
      // Measured data is as validated as its latest period; other indicators keep their declared tier.
      qualityTier: latestTier === null ? indicator.qualityTier : latestTier === "validated" ? "validated" : "provisional",
      provisionalPeriods: provisionalPeriods(city),
      freshness: assessFreshness(periods.at(-1) ?? null, indicator.release, now()),
    };
  }

  function summarize(theme: ThemeDefinition, indicator: IndicatorDefinition, cells: Cell[], published: PublishedRuns): IndicatorSummary {
    const city = cityCells(cells);
    const points = city.filter((c) => c.value !== null).map((c) => ({ year: Number(c.period), value: c.value as number }));
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
      recent: city.slice(-RECENT_PERIODS).map((c) => ({ period: c.period, value: c.value, suppressed: c.suppressed })),
      target,
      status: withProvisional(assessStatus({ points, direction: indicator.direction, target }), provisionalPeriods(city)),
      gapToTarget: gapToTarget(latest?.value ?? null, target?.value ?? null, indicator.direction),
      norms: indicator.norms,
      lowestLevel: indicator.lowestLevel,
      breakdown: indicator.grain === "station" ? "stations" : indicator.lowestLevel === "gemeente" ? null : indicator.lowestLevel,
      disclosure: indicator.disclosure,
      provenance: provenance(indicator, published, city),
    };
  }

  async function buildTheme(theme: ThemeDefinition, published: PublishedRuns, context: Context): Promise<Theme> {
    const indicators = [];
    const offTrack: OffTrackArea[] = [];
    for (const indicator of theme.indicators) {
      const { cells } = await load(indicator, published, context);
      indicators.push(summarize(theme, indicator, cells, published));
      if (indicator.grain === "station" || !isServedLevel("wijk", indicator.lowestLevel)) continue;
      const values = await areaValues(indicator, published, context, "wijk", latestAreaPeriod(cells, "wijk"), []);
      offTrack.push(...offTrackAreas(indicator.id, values));
    }
    return { id: theme.id, name: theme.name, indicators, offTrackAreas: furthestOffTrack(offTrack, OFF_TRACK_SHOWN) };
  }

  function resolve(id: string) {
    const found = findIndicator(id);
    if (!found) throw new NotFound(msg("unknown.indicator", { id: quoted(id) }));
    return found;
  }

  /** The area asked for, checked against the areas and the indicator's lowest level. */
  function areaFor(indicator: IndicatorDefinition, areas: AreaHierarchy, code: string | undefined) {
    if (code === undefined || code === municipality.code) return areas.municipality;
    const area = areas.get(code);
    if (!area) throw new BadParameter("area", msg("param.unknownArea", { code: quoted(code) }));
    if (!isServedLevel(area.level, indicator.lowestLevel)) {
      throw new BadParameter(
        "area",
        msg("param.areaBelowLevel", { indicator: indicator.id, lowest: indicator.lowestLevel, code: quoted(code), level: area.level }),
      );
    }
    return area;
  }

  const toPoint = (c: Cell): SeriesPoint => ({
    period: c.period,
    areaCode: c.areaCode,
    areaName: c.areaName,
    level: c.level,
    value: c.value,
    suppressed: c.suppressed,
    coverage: c.coverage,
    tier: c.tier ?? null,
  });

  /** The values of one level in one period, each against the city, its peers and the target; cached per version of the data. */
  function areaValues(
    indicator: IndicatorDefinition,
    published: PublishedRuns,
    context: Context,
    level: AreaLevel,
    period: string | null,
    periods: string[],
  ): Promise<AreaValues> {
    const version = `${versionOf(published, indicator.pipelines) ?? "-"}|${hierarchyVersion(published)}`;
    return assessments.get(`${indicator.id}|${context.audience}|${level}|${period}|${periods.join(",")}`, version, async () => {
      const { cells, areas } = await load(indicator, published, context);
      return {
        indicatorId: indicator.id,
        unit: indicator.unit,
        direction: indicator.direction,
        level,
        period,
        periods,
        ...assessAreas({ indicator, cells, level, period, areas, target: plan.targetFor(indicator.id) }),
        suppressionRule: context.audience === "aggregates" && indicator.disclosure ? SUPPRESSION_RULE : null,
        provenance: provenance(indicator, published, cityCells(cells)),
      };
    });
  }

  return {
    async themes(context: Context): Promise<Theme[]> {
      const published = await db.published.settled();
      const result = [];
      for (const theme of themes) result.push(await buildTheme(theme, published, context));
      return result;
    },

    async theme(id: string, context: Context): Promise<Theme> {
      const theme = themes.find((t) => t.id === id);
      if (!theme) throw new NotFound(msg("unknown.theme", { id: quoted(id) }));
      return buildTheme(theme, await db.published.settled(), context);
    },

    async indicator(id: string, context: Context): Promise<IndicatorSummary> {
      const { theme, indicator } = resolve(id);
      const published = await db.published.settled();
      const { cells } = await load(indicator, published, context);
      return summarize(theme, indicator, cells, published);
    },

    async series(id: string, query: SeriesQuery, context: Context): Promise<Series> {
      const { indicator } = resolve(id);
      const published = await db.published.settled();
      const { cells, areas } = await load(indicator, published, context);
      const area = areaFor(indicator, areas, query.area);
      if (query.by === "breakdown" && indicator.grain !== "station" && indicator.lowestLevel === "gemeente") {
        throw new BadParameter("by", msg("param.noBreakdown", { indicator: indicator.id }));
      }
      const inRange = (c: Cell) => (query.from === undefined || Number(c.period) >= query.from) && (query.to === undefined || Number(c.period) <= query.to);
      const breakdownLevel = indicator.grain === "station" ? "station" : indicator.lowestLevel;
      const selected = query.by === "breakdown" ? cells.filter((c) => c.level === breakdownLevel) : cells.filter((c) => c.areaCode === area.code);
      return {
        indicatorId: indicator.id,
        unit: indicator.unit,
        by: query.by,
        points: selected.filter(inRange).map(toPoint),
        provenance: provenance(indicator, published, cityCells(cells)),
      };
    },

    async areas(id: string, query: AreasQuery, context: Context): Promise<AreaValues> {
      const { indicator } = resolve(id);
      const published = await db.published.settled();
      const { cells } = await load(indicator, published, context);
      const level = query.level ?? (isServedLevel("wijk", indicator.lowestLevel) ? "wijk" : "gemeente");
      if (!isServedLevel(level, indicator.lowestLevel)) {
        throw new BadParameter("level", msg("param.levelBelowLowest", { indicator: indicator.id, lowest: indicator.lowestLevel, level }));
      }
      const atLevel = cells.filter((c) => c.level === level);
      const periods = [...new Set(atLevel.filter((c) => c.value !== null || c.suppressed).map((c) => c.period))].sort();
      if (query.period !== undefined && !periods.includes(String(query.period))) {
        throw new BadParameter("period", msg("param.noPeriodValues", { level, period: query.period, periods: periods.join(", ") || msg("param.none") }));
      }
      const period = query.period !== undefined ? String(query.period) : (periods.at(-1) ?? null);
      return areaValues(indicator, published, context, level, period, periods);
    },

    /** Every indicator with values per area for one wijk or buurt: against the city and the target, with its rank. */
    async profile(code: string, context: Context): Promise<AreaProfile> {
      const published = await db.published.settled();
      const areas = await hierarchy(published, context);
      const area = areas.get(code);
      if (!area || area.level === "gemeente") throw new NotFound(msg("unknown.area", { code: quoted(code) }));
      const items: AreaProfileIndicator[] = [];
      let suppressionRule: AreaProfile["suppressionRule"] = null;
      for (const theme of themes) {
        for (const indicator of theme.indicators) {
          if (indicator.grain === "station" || indicator.lowestLevel === "gemeente" || !isServedLevel(area.level, indicator.lowestLevel)) continue;
          const { cells } = await load(indicator, published, context);
          const period = latestAreaPeriod(cells, area.level);
          const values = await areaValues(indicator, published, context, area.level, period, []);
          suppressionRule ??= values.suppressionRule;
          const item = values.areas.find((a) => a.areaCode === code);
          const ranked = values.areas.filter((a) => a.rank !== null).length;
          items.push({
            id: indicator.id,
            themeId: theme.id,
            name: indicator.name,
            unit: indicator.unit,
            direction: indicator.direction,
            period,
            value: item?.value ?? null,
            suppressed: item?.suppressed ?? false,
            rate: item?.rate ?? null,
            rateUnit: item?.rateUnit ?? null,
            rateLabel: values.rate?.label ?? null,
            smallArea: item?.smallArea ?? false,
            cityValue: values.rate ? values.city.rate : values.city.value,
            target: values.areaTarget?.value ?? null,
            status: item?.status ?? null,
            gapToTarget: item?.gapToTarget ?? null,
            rank: item?.rank ?? null,
            of: ranked,
          });
        }
      }
      return { area: { code: area.code, name: area.name, level: area.level, parent: area.parent }, indicators: items, suppressionRule };
    },

    /** An indicator's definition, its cells for this audience, the areas and its target, as of one published version: what indicator-contributions.ts explains. */
    async cellsOf(id: string, context: Context) {
      const { indicator } = resolve(id);
      const published = await db.published.settled();
      const { cells, areas } = await load(indicator, published, context);
      return { indicator, cells, areas, published, target: plan.targetFor(indicator.id) };
    },
  };
}

export type IndicatorService = ReturnType<typeof createIndicatorService>;
