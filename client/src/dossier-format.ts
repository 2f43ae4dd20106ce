/** Formatting the dossiers need beyond format.ts: distances and calendar dates from the registers. */
import { formatNumber } from "./format.ts";
import type { Lang } from "./i18n.ts";

const locales: Record<Lang, string> = { nl: "nl-NL", en: "en-GB" };

/** "350 m" below a kilometre, "1,2 km" above. */
export function formatDistance(metres: number, language: Lang): string {
  // Decided on the rounded metres: 999.6 m is "1 km", not "1.000 m".
  return Math.round(metres) < 1000 ? `${formatNumber(metres, language, { digits: 0 })} m` : `${formatNumber(metres / 1000, language)} km`;
}

/**
 * A register date ("2024-03-05", a calendar day without a zone) as "5 mrt 2024". Formatted in UTC,
 * so the day never shifts with the browser's zone.
 */
export function formatDate(isoDate: string, language: Lang): string {
  const time = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(time)) return isoDate;
  return new Intl.DateTimeFormat(locales[language], { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(time);
}

/** A register date as a Date at midnight UTC, for charts' time axes. */
export function dateOf(isoDate: string): Date {
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
}

export function formatPercent(share: number, language: Lang): string {
  return `${formatNumber(share * 100, language)}%`;
}
