/**
 * Numbers and indicator values as people read them: Dutch or English digits, and one rule per unit
 * for how many decimals a value gets, so a value reads the same on every card, chart, table and
 * sentence. Counts (complaints, trees, charging points) are whole numbers everywhere, forecasts and
 * their intervals included. Free of the app's language state, so the embeddable widget uses it too;
 * the app imports it through format.ts.
 */
import type { Lang } from "./i18n.ts";
import { unitNames, type UnitCode } from "./messages/units.ts";

const locales: Record<Lang, string> = { nl: "nl-NL", en: "en-GB" };
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number with at most `digits` decimals (trailing zeros dropped); `signed` writes "+" for a rise. */
export function formatNumber(value: number, language: Lang, { digits = 1, signed = false } = {}): string {
  const cacheKey = `${language}|${digits}|${signed}`;
  let format = numberFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(locales[language], {
      maximumFractionDigits: digits,
      // "negative": a value that rounds to zero is "0", never "-0".
      signDisplay: signed ? "exceptZero" : "negative",
    });
    numberFormats.set(cacheKey, format);
  }
  return format.format(value);
}

/**
 * Decimals per unit: what the measurement can tell (air quality to a tenth of a µg/m³, shares to a
 * tenth of a percent), and none for what is counted or too large for tenths to matter.
 */
export const unitDecimals: Readonly<Record<UnitCode, number>> = {
  "µg/m³": 1,
  "%": 1,
  kton: 1,
  TJ: 0,
  kg: 0,
  "m³": 0,
  kWh: 0,
  klachten: 0,
  bomen: 0,
  laadpunten: 0,
};

/** A unit the client doesn't know yet (a server newer than the client) keeps the general default. */
const defaultDecimals = 1;

function isUnitCode(unit: string): unit is UnitCode {
  return Object.hasOwn(unitNames, unit);
}

/** How many decimals values of this unit are shown with. */
export function decimalsFor(unit: string): number {
  return isUnitCode(unit) ? unitDecimals[unit] : defaultDecimals;
}

/**
 * A value of an indicator (latest, target, forecast, interval, pace, norm, map, ranking, chart) with
 * its unit's decimals, without the unit.
 * @example formatValue(96.6, "klachten", "nl") // "97"
 */
export function formatValue(value: number, unit: string, language: Lang, { signed = false } = {}): string {
  return formatNumber(value, language, { digits: decimalsFor(unit), signed });
}

/**
 * A unit in the UI's language; singular when `value` (as shown, rounded) is one, else plural. A unit
 * the client doesn't know is shown as the server sent it.
 * @example formatUnit("klachten", "en") // "complaints"; formatUnit("klachten", "nl", 1) // "klacht"
 */
export function formatUnit(unit: string, language: Lang, value?: number): string {
  if (!isUnitCode(unit)) return unit;
  const name = unitNames[unit][language];
  if (typeof name === "string") return name;
  if (value === undefined) return name.other;
  const shown = Number(value.toFixed(decimalsFor(unit)));
  return pluralRules(language).select(shown) === "one" ? name.one : name.other;
}

/**
 * Value and unit together, e.g. "12,5 µg/m³", "97 complaints".
 * @example formatQuantity(1, "bomen", "en") // "1 tree"
 */
export function formatQuantity(value: number, unit: string, language: Lang, { signed = false } = {}): string {
  return `${formatValue(value, unit, language, { signed })} ${formatUnit(unit, language, value)}`;
}

const plurals = new Map<Lang, Intl.PluralRules>();
function pluralRules(language: Lang): Intl.PluralRules {
  let rules = plurals.get(language);
  if (!rules) plurals.set(language, (rules = new Intl.PluralRules(locales[language])));
  return rules;
}
