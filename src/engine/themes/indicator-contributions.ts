/**
 * Why an indicator moved: the change of its municipal value between two periods split into parts
 * (wijken, sectors, sources, streams, or a per-capita figure's effects) that add up to it, with the gap still to close to the target, and the
 * parts its total adds up from over time. The arithmetic is in contributions.ts; the methods and the
 * disclosure rule are in docs/contributions.md.
 */
import type { Localized } from "../../ground/contract/contract.ts";
import type { ContributionBy, ContributionPart, Contributions, IndicatorParts, partBys } from "../../ground/contract/contract-why.ts";
import { BadParameter, DataChanged } from "../../ground/domain-errors.ts";
import { msg } from "../../ground/i18n/message.ts";
import type { Database } from "../../store/database.ts";
import { versionOf, type PublishedRuns } from "../../store/published-runs.ts";
import type { AreaHierarchy } from "./area-hierarchy.ts";
import { additiveContributions, lmdiContributions, perCapitaEffects, residualOf, type Contribution } from "./contributions.ts";
import type { IndicatorDefinition } from "./define-theme.ts";
import { SUPPRESSION_RULE } from "./disclosure.ts";
import type { Audience, IndicatorService } from "./indicator-service.ts";
import { indicatorRows, weighRows } from "./indicator-series.ts";
import type { Cell, SourceRow } from "./rollup.ts";

export interface ContributionsQuery {
  by: ContributionBy;
  from?: number | undefined;
  to?: number | undefined;
}

export interface PartsQuery {
  by?: (typeof partBys)[number] | undefined;
}

interface Context {
  audience: Audience;
  timeoutMs?: number;
}

/** What lies in the municipality but in no wijk (a complaint without a buurt), as a part of its own. */
const OUTSIDE = "outside";
const SUPPRESSED = "suppressed";
const outsideName: Localized = { nl: "Buiten elke wijk", en: "Outside every wijk" };
const suppressedName = (n: number): Localized => ({ nl: `Onderdrukte gebieden (${n})`, en: `Suppressed areas (${n})` });

/** Six decimals: past float noise, well below any unit the indicators are published in. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6 || 0;

/**
 * The parts the source gives for the indicator's total, for this audience. Parts bypass the cell
 * suppression, so a total under disclosure control offers them to the full audience only.
 */
const partsFor = (indicator: IndicatorDefinition, audience: Audience) =>
  indicator.parts && (indicator.disclosure === null || audience === "full") ? indicator.parts : null;

/**
 * Wijken explain a change where the engine rolls the municipality up from buurten. CBS's key figures
 * (grain "all-levels") are not such a roll-up: CBS publishes the municipal value itself, so the
 * wijken cannot add up to it exactly.
 */
const offersAreas = (indicator: IndicatorDefinition) => indicator.grain === "buurt" && indicator.lowestLevel !== "gemeente";

/** The population effect's key and name, per denominator of a per-capita figure. */
const denominatorEffects: Record<NonNullable<IndicatorDefinition["perCapita"]>["denominator"], { key: string; name: Localized }> = {
  inhabitants: { key: "population", name: { nl: "Bevolkingsgroei", en: "Population effect" } },
};

/**
 * The periods in which a per-capita figure's denominator is known for the municipality: CBS's key
 * figure of that very year (the hierarchy falls back to an earlier year, which would make the
 * population effect of a later year zero).
 */
function denominatorPeriods(indicator: IndicatorDefinition, areas: AreaHierarchy, periods: readonly string[]): string[] {
  const measure = indicator.perCapita?.denominator;
  return measure ? periods.filter((period) => areas.denominator(areas.municipality.code, measure, period)?.period === period) : [];
}

/**
 * The breakdowns of a change an indicator offers to this audience; effects of a per-capita figure
 * where its denominator is known for some period with a value (`withDenominator`).
 */
export function offeredBreakdowns(indicator: IndicatorDefinition, audience: Audience, withDenominator: readonly string[] = []): ContributionBy[] {
  const parts = partsFor(indicator, audience);
  return [
    ...(parts ? [parts.by] : []),
    ...(offersAreas(indicator) ? (["area"] as const) : []),
    ...(indicator.perCapita && withDenominator.length > 0 ? (["effect"] as const) : []),
  ];
}

const listOrNone = (items: readonly string[]) => (items.length ? items.join(", ") : msg("param.none"));

export function createContributions({ db, indicators }: { db: Database; indicators: IndicatorService }) {
  /** Refuses an answer computed from rows of another version than the cells it is combined with. */
  async function ensureUnchanged(indicator: IndicatorDefinition, published: PublishedRuns) {
    if (versionOf(await db.published.settled(), indicator.pipelines) !== versionOf(published, indicator.pipelines)) throw new DataChanged();
  }

  async function partRows(sql: string, context: Context) {
    const rows = await db.query(sql, {}, { timeoutMs: context.timeoutMs });
    return rows.filter((r) => r.value !== null && r.value !== undefined).map((r) => ({ period: String(r.period), key: String(r.key), value: Number(r.value) }));
  }

  return {
    async contributions(id: string, query: ContributionsQuery, context: Context): Promise<Contributions> {
      const { indicator, cells, areas, published, target } = await indicators.cellsOf(id, context);
      const city = cells.filter((c) => c.level === "gemeente" && c.areaCode === areas.municipality.code && c.value !== null);
      const valued = city.map((c) => c.period);
      const withDenominator = denominatorPeriods(indicator, areas, valued);
      const offered = offeredBreakdowns(indicator, context.audience, withDenominator);
      if (!offered.includes(query.by)) {
        throw new BadParameter("by", msg("contributions.notOffered", { indicator: indicator.id, by: query.by, offered: listOrNone(offered) }));
      }
      const sourced = query.by === "area" || query.by === "effect" ? null : await partRows(partsFor(indicator, context.audience)!.sql, context);
      // The periods this breakdown can explain: with a value, and with parts (a source may leave a
      // year's split out) or with the denominator (key figures lag the registers).
      const periods = query.by === "effect" ? withDenominator : sourced ? valued.filter((period) => sourced.some((r) => r.period === period)) : valued;
      const to = String(query.to ?? periods.at(-1) ?? "");
      const baseline = target && periods.includes(String(target.baselineYear)) && String(target.baselineYear) <= to ? String(target.baselineYear) : periods[0];
      const from = String(query.from ?? baseline ?? "");
      const valueAt = (parameter: "from" | "to", period: string) => {
        const cell = city.find((c) => c.period === period);
        if (!cell)
          throw new BadParameter(parameter, msg("contributions.noPeriod", { indicator: indicator.id, period: period || "–", periods: listOrNone(valued) }));
        if (!periods.includes(period)) {
          const params = { indicator: indicator.id, period, periods: listOrNone(periods) };
          throw new BadParameter(
            parameter,
            query.by === "effect" ? msg("contributions.noInhabitants", params) : msg("contributions.noParts", { ...params, by: query.by }),
          );
        }
        return cell.value as number;
      };
      const start = { period: from, value: valueAt("from", from) };
      const end = { period: to, value: valueAt("to", to) };
      const change = round6(end.value - start.value);

      const parts =
        query.by === "area"
          ? areaParts(indicator, weighRows(indicator, await indicatorRows(db, indicator, areas.municipality.code, context), areas), cells, areas, { from, to })
          : query.by === "effect"
            ? effectParts(indicator, areas, start, end)
            : sourceParts(indicator, sourced!, { from, to });
      await ensureUnchanged(indicator, published);

      const rounded = parts.map((p) => ({
        ...p,
        contribution: round6(p.contribution),
        effects: p.effects && { mix: round6(p.effects.mix), intensity: round6(p.effects.intensity) },
      }));
      const met = target && (indicator.direction === "lower" ? end.value <= target.value : end.value >= target.value);
      return {
        indicatorId: indicator.id,
        name: indicator.name,
        unit: indicator.unit,
        direction: indicator.direction,
        by: query.by,
        method: query.by === "effect" || (query.by === "area" && indicator.rollup === "weighted-mean") ? "lmdi-i" : "additive",
        offered,
        periods,
        from: start,
        to: end,
        total: { change, gap: target ? (met ? 0 : round6(target.value - end.value)) : null },
        target: target ? { value: target.value, deadline: target.deadline } : null,
        parts: rounded,
        residual: round6(residualOf(change, rounded)),
        suppressionRule: context.audience === "aggregates" && indicator.disclosure && rounded.some((p) => p.key === SUPPRESSED) ? SUPPRESSION_RULE : null,
      };
    },

    async parts(id: string, query: PartsQuery, context: Context): Promise<IndicatorParts> {
      const { indicator, cells, areas, published } = await indicators.cellsOf(id, context);
      const parts = partsFor(indicator, context.audience);
      const valued = cells.filter((c) => c.level === "gemeente" && c.areaCode === areas.municipality.code && c.value !== null).map((c) => c.period);
      if (query.by !== undefined && parts?.by !== query.by) {
        throw new BadParameter("by", msg("contributions.notOffered", { indicator: indicator.id, by: query.by, offered: listOrNone(parts ? [parts.by] : []) }));
      }
      const rows = parts ? await partRows(parts.sql, context) : [];
      await ensureUnchanged(indicator, published);
      return {
        indicatorId: indicator.id,
        unit: indicator.unit,
        by: parts?.by ?? null,
        offered: offeredBreakdowns(indicator, context.audience, denominatorPeriods(indicator, areas, valued)),
        points: rows.map((r) => ({ period: r.period, key: r.key, name: parts!.names[r.key] ?? { nl: r.key, en: r.key }, value: round6(r.value) })),
      };
    },
  };
}

export type ContributionsService = ReturnType<typeof createContributions>;

type Part = ContributionPart;
const byMagnitude = (a: Part, b: Part) => Number(a.key === SUPPRESSED) - Number(b.key === SUPPRESSED) || Math.abs(b.contribution) - Math.abs(a.contribution);

/** Sectors or sources: each one's own change. */
function sourceParts(
  indicator: IndicatorDefinition,
  rows: { period: string; key: string; value: number }[],
  { from, to }: { from: string; to: string },
): Part[] {
  const names = indicator.parts!.names;
  const keys = [...new Set([...Object.keys(names), ...rows.map((r) => r.key)])].filter((key) =>
    rows.some((r) => r.key === key && (r.period === from || r.period === to)),
  );
  const at = (key: string, period: string) =>
    rows.filter((r) => r.key === key && r.period === period).reduce<number | null>((sum, r) => (sum ?? 0) + r.value, null);
  return additiveContributions(keys.map((key) => ({ key, from: at(key, from), to: at(key, to) })))
    .map((c) => ({ ...c, name: names[c.key] ?? { nl: c.key, en: c.key } }))
    .sort(byMagnitude);
}

/**
 * A per-capita figure's change as the effect of its total and of its population (LMDI-I), from the
 * published municipal values (so they add up to the change exactly) and the denominator of each year.
 */
function effectParts(
  indicator: IndicatorDefinition,
  areas: AreaHierarchy,
  from: { period: string; value: number },
  to: { period: string; value: number },
): Part[] {
  const { denominator, total: totalName } = indicator.perCapita!;
  const population = (period: string) => areas.denominator(areas.municipality.code, denominator, period)!.value;
  const effects = perCapitaEffects({ value: from.value, population: population(from.period) }, { value: to.value, population: population(to.period) });
  const { key, name } = denominatorEffects[denominator];
  return [
    { key: "total", name: totalName, contribution: effects.total, effects: null },
    { key, name, contribution: effects.population, effects: null },
  ].sort(byMagnitude);
}

/** Per wijk (and outside every wijk): the valid rows' sum of value × weight and of weight, per period. */
interface Sums {
  weighted: number;
  weight: number;
}

/**
 * The wijken's contributions, from the indicator's own rows (unrounded, so the parts add up to the
 * exact change; the published values are rounded to 0.01, which is what the residual holds). For
 * the policy role, wijken suppressed in either period are merged with what lies outside every wijk
 * into one part: its contribution is then the municipal change minus the shown wijken's, numbers
 * that are published already, so no suppressed value can be worked back from it.
 */
function areaParts(indicator: IndicatorDefinition, rows: SourceRow[], cells: Cell[], areas: AreaHierarchy, { from, to }: { from: string; to: string }): Part[] {
  const wijkOf = (code: string | null) => {
    const node = code === null ? undefined : areas.get(code);
    const parent = node?.level === "buurt" && node.parent ? areas.get(node.parent) : undefined;
    return parent?.level === "wijk" ? parent.code : OUTSIDE;
  };
  const sums = new Map<string, Map<string, Sums>>();
  const totalWeight = new Map<string, number>();
  for (const row of rows) {
    if (row.value === null || (row.period !== from && row.period !== to)) continue;
    const group = wijkOf(row.areaCode);
    const perPeriod = sums.get(group) ?? new Map<string, Sums>();
    const current = perPeriod.get(row.period) ?? { weighted: 0, weight: 0 };
    const sum = indicator.rollup === "sum";
    perPeriod.set(row.period, { weighted: current.weighted + row.value * (sum ? 1 : row.weight), weight: current.weight + row.weight });
    sums.set(group, perPeriod);
    totalWeight.set(row.period, (totalWeight.get(row.period) ?? 0) + row.weight);
  }
  const wijken = areas.atLevel("wijk");
  const suppressed = new Set(cells.filter((c) => c.level === "wijk" && c.suppressed && (c.period === from || c.period === to)).map((c) => c.areaCode));
  const groups = [...wijken.map((w) => w.code), OUTSIDE].filter((code) => sums.has(code));

  let contributions: Contribution[];
  if (indicator.rollup === "sum") {
    contributions = additiveContributions(
      groups.map((key) => ({ key, from: sums.get(key)!.get(from)?.weighted ?? null, to: sums.get(key)!.get(to)?.weighted ?? null })),
    );
  } else {
    const term = (key: string, period: string) => {
      const s = sums.get(key)!.get(period);
      const total = totalWeight.get(period) ?? 0;
      return s && s.weight > 0 && total > 0 ? { share: s.weight / total, value: s.weighted / s.weight } : null;
    };
    contributions = lmdiContributions(groups.map((key) => ({ key, from: term(key, from), to: term(key, to) })));
  }

  const hidden = contributions.filter((c) => c.key === OUTSIDE || suppressed.has(c.key));
  const shown: Part[] = contributions
    .filter((c) => !hidden.includes(c))
    .map((c) => ({ ...c, name: { nl: areas.get(c.key)!.name, en: areas.get(c.key)!.name } }));
  const merged: Part[] = [];
  const rest = hidden.reduce((sum, c) => sum + c.contribution, 0);
  if (suppressed.size > 0) {
    merged.push({ key: SUPPRESSED, name: suppressedName(suppressed.size), contribution: rest, effects: null, suppressedAreas: suppressed.size });
  } else if (hidden.length > 0) {
    merged.push({ ...hidden[0]!, name: outsideName });
  }
  return [...shown, ...merged].sort(byMagnitude);
}
