/**
 * The API v1 answers that explain an indicator's change: its contributions between two periods
 * (by wijk, sector or source, with the gap still to close to the target) and the parts its total
 * adds up from over time. Methods: docs/contributions.md.
 */
import { z } from "zod";
import { Localized } from "./contract.ts";

/**
 * What a change can be broken down by: the wijken, the parts the source gives (sectors, sources,
 * waste streams), or for a per-capita figure its effects (the total and the population, LMDI-I).
 */
export const contributionBys = ["area", "sector", "source", "stream", "effect"] as const;
export const ContributionBy = z.enum(contributionBys);
export type ContributionBy = z.infer<typeof ContributionBy>;

/** The breakdowns a municipal total has over time (its parts as the source publishes them). */
export const partBys = ["sector", "source", "stream"] as const;

export const ContributionPart = z.object({
  /**
   * The wijk's code, the sector's, source's or stream's key, "outside" (outside every wijk),
   * "suppressed", or for `by=effect` "total" and "population".
   */
  key: z.string(),
  name: Localized,
  /** This part's share of the change from `from` to `to`, in the indicator's unit. */
  contribution: z.number(),
  /**
   * For a weighted mean by area (LMDI-I): the part of the contribution from the wijk's weight share
   * moving (mix) and from its own value moving (intensity); null for a sum and for a merged part.
   */
  effects: z.object({ mix: z.number(), intensity: z.number() }).nullable(),
  /** For the merged part of the policy role: how many wijken it holds whose value is suppressed. */
  suppressedAreas: z.number().int().optional(),
});
export type ContributionPart = z.infer<typeof ContributionPart>;

const PeriodValue = z.object({ period: z.string(), value: z.number() });

export const Contributions = z.object({
  indicatorId: z.string(),
  name: Localized,
  unit: z.string(),
  direction: z.enum(["lower", "higher"]),
  by: ContributionBy,
  /**
   * "additive": each part's own change; "lmdi-i": additive LMDI-I, on the weighted mean over wijken
   * (`by=area`) or on a per-capita figure V = T / P (`by=effect`).
   */
  method: z.enum(["additive", "lmdi-i"]),
  /** The breakdowns this indicator offers. */
  offered: z.array(ContributionBy),
  /** The periods with a municipal value, to choose `from` and `to` among. */
  periods: z.array(z.string()),
  from: PeriodValue,
  to: PeriodValue,
  total: z.object({
    /** The municipal value at `to` minus the one at `from`. */
    change: z.number(),
    /** The change still needed from the value at `to` to meet the target (0 once met); null without a target. */
    gap: z.number().nullable(),
  }),
  target: z.object({ value: z.number(), deadline: z.number() }).nullable(),
  /** Largest contribution first; the parts and the residual add up to `total.change`. */
  parts: z.array(ContributionPart),
  /** What the parts leave of the change: the rounding of the published values, below 0.01. */
  residual: z.number(),
  /** For the policy role where values are suppressed: the rule, as served with values per area. */
  suppressionRule: Localized.nullable(),
});
export type Contributions = z.infer<typeof Contributions>;

export const PartPoint = z.object({ period: z.string(), key: z.string(), name: Localized, value: z.number() });

export const IndicatorParts = z.object({
  indicatorId: z.string(),
  unit: z.string(),
  /** The breakdown shown, null when the indicator's total has no parts over time. */
  by: z.enum(partBys).nullable(),
  /** What a change of this indicator can be broken down by (GET …/contributions?by=). */
  offered: z.array(ContributionBy),
  /** Per period, each part's value; the parts of a period add up to the indicator's value. */
  points: z.array(PartPoint),
});
export type IndicatorParts = z.infer<typeof IndicatorParts>;
