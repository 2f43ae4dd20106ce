/**
 * Themes and indicators are code: one file per indicator in ./indicators, holding the SQL that
 * computes it at its grain with its metadata; the themes and their indicators are listed in
 * ./index.ts. The engine rolls the SQL's rows up to wijk and gemeente.
 */
import type { AreaLevel, IndicatorSummary, Localized, Norm, Provenance } from "../../ground/contract/contract.ts";
import type { RateBasis } from "../../ground/contract/contract-areas.ts";
import type { partBys } from "../../ground/contract/contract-why.ts";
import type { PipelineName } from "../../pipelines/index.ts";
import type { ReleaseSchedule } from "./release.ts";

export interface IndicatorDefinition {
  id: string;
  name: Localized;
  description: Localized;
  unit: string;
  direction: "lower" | "higher";
  /**
   * The SQL that computes the indicator, a constant text (values are bound, never written in). Its rows are `area_code, period, value` and, where the grain or the
   * roll-up needs them, `area_name`, `weight` (for a weighted mean), `units` (what disclosure control
   * counts) and `coverage` (0..1, the share of the period measured). Bound parameters: `params`, plus
   * `$gm` (the municipality's code) when the SQL uses it.
   */
  sql: string;
  params: Record<string, string | number>;
  /**
   * What one row of the SQL is: a buurt, a measuring station, the municipality, or any level (the
   * source publishes gemeente, wijk and buurt values itself, as CBS does).
   */
  grain: "buurt" | "station" | "gemeente" | "all-levels";
  /** How rows of a finer grain add up: counts add, shares and averages are means weighted by `weight`. */
  rollup: "sum" | "weighted-mean";
  /** Where the SQL cannot give the weight of a weighted mean: the areas' surface, from their boundaries. */
  weightBy?: "surface";
  /** The finest area level at which the indicator is meaningful and published. */
  lowestLevel: AreaLevel;
  /**
   * A count is compared between areas as a rate (complaints per 1,000 inhabitants), and its target
   * applies to each area as the city's target over the city's denominator (area-assessment.ts).
   * Without it, area values are compared and held to the target as they are (shares, averages).
   */
  rate?: RateBasis;
  /** What the value counts, when it is about establishments, complaints or persons: cells of 1–4 are suppressed for the policy role. */
  disclosure: IndicatorSummary["disclosure"];
  /**
   * Pipelines whose published tables the indicator reads: every table its SQL reads (a test holds
   * them to that), and any the roll-up needs (areas, for surfaces). The first is cited as the source.
   */
  pipelines: readonly PipelineName[];
  qualityTier: Provenance["qualityTier"];
  /** When the source publishes a new period, so the data's freshness can be judged. */
  release: ReleaseSchedule;
  norms: Norm[];
  /**
   * The parts the municipal total adds up from, when its source holds them (CO₂ by sector, renewable
   * energy by source): shown stacked over time and used to explain a change (docs/contributions.md).
   * `sql` returns `period, key, value`, whose values per period add up to the indicator's value;
   * `names` names every key it can return. Wijken as parts need no declaration (`by=area`).
   */
  parts?: IndicatorParts;
  /**
   * A figure per inhabitant (V = T / P): its change is split into the effect of the total T and of
   * the population P (LMDI-I, `by=effect`), with P the municipality's CBS key figure `denominator`
   * per year, read through the area hierarchy. `total` names the total's effect.
   */
  perCapita?: { denominator: "inhabitants"; total: Localized };
}

export interface IndicatorParts {
  by: (typeof partBys)[number];
  sql: string;
  names: Record<string, Localized>;
}

export interface ThemeDefinition {
  id: string;
  name: Localized;
  indicators: IndicatorDefinition[];
}

export const defineTheme = (theme: ThemeDefinition): ThemeDefinition => theme;

/** Checks an indicator's definition where it is written (an object literal gets excess-property checks). */
export const defineIndicator = (indicator: IndicatorDefinition): IndicatorDefinition => indicator;

/** A figure its source gives for the municipality only (emission registration, waste statistics). */
export const municipalOnly = { grain: "gemeente", rollup: "sum", lowestLevel: "gemeente", disclosure: null } as const satisfies Partial<IndicatorDefinition>;
