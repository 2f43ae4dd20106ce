/**
 * Display formatting of numbers, indicator values and units, times and pollutant names. Numbers
 * follow the chosen language (Dutch: decimal comma); an indicator value gets its unit's decimals
 * (number-format.ts, one table for the whole client); times are always Dutch local time, whatever
 * the browser's zone.
 */
import { t, type Lang, type MessageKey } from "./i18n.ts";
import { formatNumber } from "./number-format.ts";

export const timeZone = "Europe/Amsterdam";

const locales: Record<Lang, string> = { nl: "nl-NL", en: "en-GB" };

// Numbers and indicator values live apart from the language state, so the widget can use them too.
export { decimalsFor, formatNumber, formatQuantity, formatUnit, formatValue, unitDecimals } from "./number-format.ts";

/** Date and time to the minute, e.g. "3 mrt 2025, 14:00"; "–" for a time that cannot be read. */
export function formatDateTime(time: string | Date, language: Lang): string {
  const date = typeof time === "string" ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) return "–";
  return new Intl.DateTimeFormat(locales[language], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(date);
}

/** Short day label for axes and tables, e.g. "ma 3 mrt". */
export function formatDay(time: Date, language: Lang): string {
  return new Intl.DateTimeFormat(locales[language], {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone,
  }).format(time);
}

const dayKeyFormat = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone });

/** The Dutch calendar day of an instant as "YYYY-MM-DD", for grouping hourly values into days. */
export function dutchDayKey(time: Date): string {
  return dayKeyFormat.format(time);
}

/** Luchtmeetnet writes "PM25"; people read "PM2.5" (or "PM2,5" in Dutch). */
export function formatFormula(formula: string, language: Lang): string {
  return formula === "PM25" ? `PM2${language === "nl" ? "," : "."}5` : formula;
}

/** Leading year of a period such as "2025", "2025-Q1" or "2025-03"; NaN when there is none. */
export function periodYear(period: string): number {
  const match = /^(\d{4})/.exec(period);
  return match ? Number(match[1]) : Number.NaN;
}

const stationTypes = new Set(["traffic", "industrial", "background"]);

/** Luchtmeetnet's station types in the UI language; an unknown type is shown as given. */
export function formatStationType(type: string): string {
  return stationTypes.has(type) ? t(`stationType.${type}` as MessageKey) : type;
}

/** A row count that may not be known yet (a run still going, or one that failed before counting). */
export function formatCount(value: number | null, language: Lang): string {
  return value === null ? "–" : formatNumber(value, language, { digits: 0 });
}

/** Elapsed time between two ISO instants, e.g. "4,2 s", "3 min 5 s", "1 u 12 min". */
export function formatDuration(from: string, to: string, language: Lang): string {
  const ms = Math.max(0, Date.parse(to) - Date.parse(from));
  if (Number.isNaN(ms)) return "–";
  const seconds = ms / 1000;
  // Tenths only where they matter: a demo run takes a second or two, a real one minutes.
  if (seconds < 60) return t("duration.seconds", { s: formatNumber(seconds, language, { digits: seconds < 10 ? 1 : 0 }) });
  const whole = Math.round(seconds);
  if (whole < 3600) return t("duration.minutes", { m: Math.floor(whole / 60), s: whole % 60 });
  return t("duration.hours", { h: Math.floor(whole / 3600), m: Math.floor((whole % 3600) / 60) });
}
