/**
 * GET /api/v1/air-quality/compliance: per station and pollutant, one calendar year against the EU
 * limit values in force (2008/50/EC), those of 2030 (2024/2881) and the WHO guideline (2021). Built
 * by src/engine/stations/air-compliance.ts.
 */
import { z } from "zod";
import { dataTiers, Localized } from "./contract.ts";

export const complianceStandards = ["eu-current", "eu-2030", "who-2021"] as const;
export type ComplianceStandard = (typeof complianceStandards)[number];

/** One daily (or hourly) limit value: how often the year went above it, against how often it may. */
export const ExceedanceCount = z.object({
  normId: z.string(),
  standard: z.enum(complianceStandards),
  label: Localized,
  /** µg/m³. */
  value: z.number(),
  /** Valid days whose mean (or hours whose value) was above the value. */
  count: z.number().int(),
  /** How many the limit value allows per calendar year. */
  allowed: z.number().int(),
});
export type ExceedanceCount = z.infer<typeof ExceedanceCount>;

/** One standard's verdict on one station's pollutant. */
export const StandardVerdict = z.object({
  id: z.enum(complianceStandards),
  /** A limit value is law; a guideline is advice. */
  kind: z.enum(["limit", "guideline"]),
  label: Localized,
  /** The standard's annual-mean value, µg/m³. */
  annualValue: z.number(),
  /** null: not enough data to judge (see reason). */
  complies: z.boolean().nullable(),
  /** Why it fails, or why it cannot be judged; null when it complies. */
  reason: Localized.nullable(),
});
export type StandardVerdict = z.infer<typeof StandardVerdict>;

export const ComponentCompliance = z.object({
  formula: z.string(),
  /** Hourly values measured in the year. */
  hours: z.number().int(),
  /** Share of the year's hours measured, 0–1. */
  coverage: z.number(),
  /** The least checked tier among the year's hours. */
  tier: z.enum(dataTiers),
  /** Days with enough hours for a daily mean. */
  validDays: z.number().int(),
  /** Share of the year's days that are valid, 0–1. */
  dayCoverage: z.number(),
  /** µg/m³ over the year's hours, rounded to 0.1; null below the data-capture rule (annualMeanValid false). */
  annualMean: z.number().nullable(),
  /** Enough hours for the annual mean to count against a limit value. */
  annualMeanValid: z.boolean(),
  daily: z.array(ExceedanceCount),
  hourly: z.array(ExceedanceCount),
  standards: z.array(StandardVerdict),
});
export type ComponentCompliance = z.infer<typeof ComponentCompliance>;

export const StationCompliance = z.object({
  number: z.string(),
  name: z.string(),
  type: z.string(),
  lat: z.number(),
  lon: z.number(),
  buurtCode: z.string().nullable(),
  /** Some pollutant fails a 2030 limit value (these stations come first). */
  failsEu2030: z.boolean(),
  components: z.array(ComponentCompliance),
});
export type StationCompliance = z.infer<typeof StationCompliance>;

export const AirCompliance = z.object({
  /** The year judged; null when there are no measurements at all. */
  year: z.number().int().nullable(),
  /** Every year with measurements, newest first. */
  years: z.array(z.number().int()),
  /** Failing a 2030 limit value first, then by number. */
  stations: z.array(StationCompliance),
  /** The data-coverage rules and how a verdict is reached. */
  rules: Localized,
});
export type AirCompliance = z.infer<typeof AirCompliance>;
