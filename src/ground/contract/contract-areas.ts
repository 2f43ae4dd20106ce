/**
 * The answers about areas: values per wijk or buurt against the city, their peers and the target
 * (GET /api/v1/indicators/{id}/areas), and one area's profile (GET /api/v1/areas/{code}/profile).
 */
import { z } from "zod";
import { AreaLevel, ForecastPoint, Localized, Provenance, StatusCode, Target } from "./contract.ts";

/** An area's status by the published rule against the target as it applies per area: the same code and reason as an indicator's. */
export const AreaStatus = z.object({ code: StatusCode, reason: Localized });
export type AreaStatus = z.infer<typeof AreaStatus>;

/** How a count is made comparable between areas: per 1,000 inhabitants, say. */
export const RateBasis = z.object({
  /** A code for the rate's unit, e.g. "per-1000-inhabitants". */
  rateUnit: z.string(),
  /** The rate's unit in words, e.g. "klachten per 1.000 inwoners". */
  label: Localized,
  /** The CBS key figure divided by. */
  denominator: z.enum(["inhabitants", "homes", "land_area_ha"]),
  /** rate = value ÷ denominator × scale. */
  scale: z.number(),
  /** Areas with fewer inhabitants (or homes) than this get a rate but no rank: it is not stable. */
  minimumDenominator: z.number(),
});
export type RateBasis = z.infer<typeof RateBasis>;

export const AreaValue = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  level: AreaLevel,
  parent: z.string().nullable(),
  value: z.number().nullable(),
  suppressed: z.boolean(),
  /** A count's value as a rate (see `rateUnit`), null for other indicators or without a denominator. */
  rate: z.number().nullable(),
  rateUnit: z.string().nullable(),
  /** The denominator used and the year it is from: the value's own year, or the latest before it that CBS published. */
  denominator: z.object({ value: z.number(), period: z.string() }).nullable(),
  /** Too few inhabitants for a stable rate: shown, but not ranked. */
  smallArea: z.boolean(),
  /** 1 = best in the direction of the indicator, among the areas with a published, comparable value (the rate for counts). */
  rank: z.number().nullable(),
  /** The compared value (rate for counts) − the municipality's. */
  vsCity: z.number().nullable(),
  /** CBS "mate van stedelijkheid" from address density: 1 very strongly urban … 5 not urban. */
  urbanity: z.number().nullable(),
  /** The mean of the other areas of the same urbanity with a comparable value; `mean` is null with fewer than 3 such peers. */
  similar: z.object({ mean: z.number().nullable(), count: z.number() }).nullable(),
  /** By the published status rule against the area target; null where the indicator has no target or the area no value. */
  status: AreaStatus.nullable(),
  /** How far the compared value still is from the area target in the indicator's direction; 0 when met. */
  gapToTarget: z.number().nullable(),
  /** The area's trend forecast at the target's deadline, with its 80 % interval. */
  forecast: ForecastPoint.nullable(),
});
export type AreaValue = z.infer<typeof AreaValue>;

/** The target as it applies to each area: the same value for shares, concentrations and per-home figures; for counts, the city target as a rate. */
export const AreaTarget = Target.extend({ basis: z.enum(["same", "rate"]) });
export type AreaTarget = z.infer<typeof AreaTarget>;

export const AreaValues = z.object({
  indicatorId: z.string(),
  unit: z.string(),
  direction: z.enum(["lower", "higher"]),
  level: AreaLevel,
  /** The period shown (the latest with a value unless asked), null when there is no data. */
  period: z.string().nullable(),
  periods: z.array(z.string()),
  city: z.object({
    areaCode: z.string(),
    areaName: z.string(),
    value: z.number().nullable(),
    suppressed: z.boolean(),
    rate: z.number().nullable(),
  }),
  /** For counts: how areas are compared (rates); null for shares, averages and concentrations. */
  rate: RateBasis.nullable(),
  /** The target each area is held to; null when the indicator has no target. */
  areaTarget: AreaTarget.nullable(),
  areas: z.array(AreaValue),
  /** How disclosure control works, when the caller's values are subject to it. */
  suppressionRule: Localized.nullable(),
  provenance: Provenance,
});
export type AreaValues = z.infer<typeof AreaValues>;

/** One indicator for one area in the area profile: against the city and the target, with its rank among the areas of its level. */
export const AreaProfileIndicator = z.object({
  id: z.string(),
  themeId: z.string(),
  name: Localized,
  unit: z.string(),
  direction: z.enum(["lower", "higher"]),
  period: z.string().nullable(),
  value: z.number().nullable(),
  suppressed: z.boolean(),
  rate: z.number().nullable(),
  rateUnit: z.string().nullable(),
  /** The rate's unit in words, for counts. */
  rateLabel: Localized.nullable(),
  smallArea: z.boolean(),
  /** The municipality's compared value (its rate for counts) in the same period. */
  cityValue: z.number().nullable(),
  /** The area target's value (a rate for counts), null without a target. */
  target: z.number().nullable(),
  status: AreaStatus.nullable(),
  gapToTarget: z.number().nullable(),
  rank: z.number().nullable(),
  /** How many areas of the level are ranked. */
  of: z.number(),
});
export type AreaProfileIndicator = z.infer<typeof AreaProfileIndicator>;

export const AreaProfile = z.object({
  area: z.object({ code: z.string(), name: z.string(), level: AreaLevel, parent: z.string().nullable() }),
  indicators: z.array(AreaProfileIndicator),
  suppressionRule: Localized.nullable(),
});
export type AreaProfile = z.infer<typeof AreaProfile>;
