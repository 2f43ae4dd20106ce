/**
 * The one published status rule (docs/status-rule.md): compare the latest value with the straight
 * trajectory from baseline to target, and the least-squares trend forecast at the deadline (with an
 * 80 % prediction interval) with the target.
 */
import type { ForecastPoint, Localized, Status, Target } from "../../ground/contract/contract.ts";

export const STATUS_RULE: Localized = {
  nl:
    "Behaald: de laatste waarde haalt het doel. Op koers: de trendprognose voor het doeljaar haalt het doel én de laatste waarde ligt op of voor het rechte pad van peiljaar naar doel. " +
    "Niet op koers: het doeljaar is voorbij, of zelfs de gunstige grens van het 80%-prognose-interval haalt het doel niet. Risico: alle andere gevallen. " +
    "De trend is een kleinste-kwadratenlijn door de laatste (hoogstens 6) jaren; met minder dan 3 jaren telt alleen het pad.",
  en:
    "Achieved: the latest value meets the target. On track: the trend forecast for the deadline meets the target and the latest value is on or ahead of the straight path from baseline to target. " +
    "Off track: the deadline has passed, or even the favourable bound of the 80% forecast interval misses the target. At risk: everything else. " +
    "The trend is a least-squares line through the latest (at most 6) years; with fewer than 3 years only the path counts.",
};

export interface StatusInput {
  /** Valid values by year, ascending. */
  points: { year: number; value: number }[];
  direction: "lower" | "higher";
  target: Target | null;
}

const TREND_YEARS = 6;
/** One-sided 90 % quantiles of Student's t by degrees of freedom (two-sided 80 % interval). */
const T90 = [Infinity, 3.078, 1.886, 1.638, 1.533, 1.476, 1.44, 1.415, 1.397, 1.383, 1.372];

export function assessStatus({ points, direction, target }: StatusInput): Status {
  const none = { forecast: null, forecastPath: [], pace: null, trajectoryValue: null, rule: STATUS_RULE, provisionalPeriods: [] };
  const latest = points.at(-1);
  if (!target) return { code: "no-data", reason: { nl: "Er is geen doel voor deze indicator.", en: "This indicator has no target." }, ...none };
  if (!latest) return { code: "no-data", reason: { nl: "Er zijn nog geen geldige waarden.", en: "There are no valid values yet." }, ...none };

  const meets = (value: number) => (direction === "lower" ? value <= target.value : value >= target.value);
  const span = target.deadline - target.baselineYear;
  const progress = span > 0 ? Math.min(1, Math.max(0, (latest.year - target.baselineYear) / span)) : 1;
  const trajectoryValue = target.baselineValue + (target.value - target.baselineValue) * progress;
  const onPath = direction === "lower" ? latest.value <= trajectoryValue : latest.value >= trajectoryValue;
  const trend = fitTrend(points.slice(-TREND_YEARS), target.deadline);
  const yearsLeft = target.deadline - latest.year;
  const pace = trend && yearsLeft > 0 ? { needed: round((target.value - latest.value) / yearsLeft), achieved: trend.slope } : null;
  const common = {
    rule: STATUS_RULE,
    forecast: trend?.forecast ?? null,
    forecastPath: trend?.path ?? [],
    pace,
    trajectoryValue: round(trajectoryValue),
    provisionalPeriods: [],
  };

  if (meets(latest.value)) {
    return { code: "achieved", reason: { nl: `De waarde van ${latest.year} haalt het doel.`, en: `The ${latest.year} value meets the target.` }, ...common };
  }
  if (yearsLeft <= 0) {
    return {
      code: "off-track",
      reason: { nl: "Het doeljaar is voorbij en het doel is niet gehaald.", en: "The deadline has passed without meeting the target." },
      ...common,
    };
  }
  if (!trend) {
    return onPath
      ? {
          code: "on-track",
          reason: {
            nl: "Op of voor het pad naar het doel (te weinig jaren voor een trend).",
            en: "On or ahead of the path to the target (too few years for a trend).",
          },
          ...common,
        }
      : {
          code: "at-risk",
          reason: { nl: "Achter op het pad naar het doel (te weinig jaren voor een trend).", en: "Behind the path to the target (too few years for a trend)." },
          ...common,
        };
  }
  const favourable = direction === "lower" ? trend.forecast.low : trend.forecast.high;
  if (meets(trend.forecast.value) && onPath) {
    return {
      code: "on-track",
      reason: {
        nl: `De trend haalt het doel in ${target.deadline} en de waarde ligt op of voor het pad.`,
        en: `The trend meets the target by ${target.deadline} and the value is on or ahead of the path.`,
      },
      ...common,
    };
  }
  if (!meets(favourable)) {
    return {
      code: "off-track",
      reason: {
        nl: `Zelfs bij de gunstige prognose wordt het doel in ${target.deadline} niet gehaald.`,
        en: `Even the favourable forecast misses the target by ${target.deadline}.`,
      },
      ...common,
    };
  }
  return meets(trend.forecast.value)
    ? {
        code: "at-risk",
        reason: { nl: "De trend haalt het doel, maar de waarde ligt achter op het pad.", en: "The trend meets the target, but the value is behind the path." },
        ...common,
      }
    : {
        code: "at-risk",
        reason: {
          nl: `De trend mist het doel in ${target.deadline}, al ligt het binnen de onzekerheid.`,
          en: `The trend misses the target by ${target.deadline}, though within the uncertainty.`,
        },
        ...common,
      };
}

interface Trend {
  slope: number;
  forecast: ForecastPoint;
  /** The forecast for every year from the last point to `year`. */
  path: ForecastPoint[];
}

/** Least squares through the points; null below 3 points, where no interval can be given. */
export function fitTrend(points: { year: number; value: number }[], year: number): Trend | null {
  const n = points.length;
  if (n < 3) return null;
  const meanX = points.reduce((s, p) => s + p.year, 0) / n;
  const meanY = points.reduce((s, p) => s + p.value, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.year - meanX) ** 2, 0);
  const slope = points.reduce((s, p) => s + (p.year - meanX) * (p.value - meanY), 0) / sxx;
  const intercept = meanY - slope * meanX;
  const sse = points.reduce((s, p) => s + (p.value - (intercept + slope * p.year)) ** 2, 0);
  const df = n - 2;
  const at = (x: number): ForecastPoint => {
    const half = (T90[df] ?? 1.282) * Math.sqrt(sse / df) * Math.sqrt(1 + 1 / n + (x - meanX) ** 2 / sxx);
    const value = intercept + slope * x;
    return { year: x, value: round(value), low: round(value - half), high: round(value + half) };
  };
  const last = points[n - 1]!.year;
  const path = [];
  for (let x = last; x <= year; x++) path.push(at(x));
  return { slope: round(slope), forecast: at(year), path };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * A status resting partly on values the source has not validated yet says so: the periods are listed
 * and the reason ends with a sentence naming them (RIVM validates a year's measurements after it ends).
 */
export function withProvisional(status: Status, periods: string[]): Status {
  if (!periods.length || status.code === "no-data") return status;
  const list = periods.join(", ");
  return {
    ...status,
    provisionalPeriods: periods,
    reason: {
      nl: `${status.reason.nl} ${list} ${periods.length === 1 ? "rust" : "rusten"} deels op voorlopige, nog niet gevalideerde gegevens.`,
      en: `${status.reason.en} ${list} ${periods.length === 1 ? "rests" : "rest"} partly on provisional data, not yet validated.`,
    },
  };
}
