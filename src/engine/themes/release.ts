/**
 * How current an indicator's data is against its source's release schedule: the period after the
 * latest one loaded is expected some months after it ends; once that date has passed, it is overdue.
 */
import type { DataFreshness } from "../../ground/contract/contract.ts";

export interface ReleaseSchedule {
  /** Years per period: 1 for annual figures, 5 for the EU noise maps. */
  everyYears: number;
  /** Months after the end of a period until the source publishes it. */
  monthsAfter: number;
}

/** Common schedules, named after what they describe. */
export const releases = {
  /** Registers and measurements that arrive continuously: a year is complete a month after it ends. */
  continuous: { everyYears: 1, monthsAfter: 1 },
  /** CBS annual statistics (Kerncijfers wijken en buurten, household waste): in the third quarter after the year. */
  cbsAnnual: { everyYears: 1, monthsAfter: 9 },
  /** Emission registration and Klimaatmonitor: about fifteen months after the year. */
  emissionRegistration: { everyYears: 1, monthsAfter: 15 },
  /** Energy statistics: a year after the year. */
  energyStatistics: { everyYears: 1, monthsAfter: 12 },
  /** Municipal analyses (green, heat) redone yearly, ready by mid-year. */
  municipalAnalysis: { everyYears: 1, monthsAfter: 6 },
  /** EU noise maps: every five years, published a year and a half after the reference year. */
  noiseMaps: { everyYears: 5, monthsAfter: 18 },
} as const satisfies Record<string, ReleaseSchedule>;

const quarter = (date: Date) => `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;

/** Freshness of annual periods ("2024"): `latestPeriod` is the newest period with a value. */
export function assessFreshness(latestPeriod: string | null, schedule: ReleaseSchedule, now: Date): DataFreshness {
  const latestYear = latestPeriod === null ? NaN : Number(latestPeriod);
  if (!Number.isInteger(latestYear)) {
    return { status: "unknown", latestPeriod, nextPeriod: null, nextExpected: null, label: { nl: "Nog geen gegevens.", en: "No data yet." } };
  }
  const nextYear = latestYear + schedule.everyYears;
  // Due by the first day after `monthsAfter` full months past the end of the next period.
  const expected = new Date(Date.UTC(nextYear + 1, schedule.monthsAfter, 1));
  const overdue = now.getTime() >= expected.getTime();
  const when = quarter(new Date(Date.UTC(nextYear + 1, schedule.monthsAfter - 1, 1)));
  return {
    status: overdue ? "overdue" : "current",
    latestPeriod,
    nextPeriod: String(nextYear),
    nextExpected: expected.toISOString().slice(0, 10),
    label: overdue
      ? {
          nl: `Gegevens t/m ${latestYear}; ${nextYear} had in ${when} moeten verschijnen (achterstallig).`,
          en: `Data to ${latestYear}; ${nextYear} was due in ${when} (overdue).`,
        }
      : { nl: `Gegevens t/m ${latestYear}; ${nextYear} verwacht in ${when}.`, en: `Data to ${latestYear}; ${nextYear} expected in ${when}.` },
  };
}
