/**
 * Indicator units in the UI's languages. The API sends a unit as a code: the word or symbol of the
 * indicator's definition (src/engine/themes/indicators/), which for counts is a Dutch word
 * ("klachten"). Counts have a singular for a value of one ("1 klacht", "1 complaint").
 * test/unit/client/units.test.ts fails on an indicator whose unit is missing here.
 */
import type { Lang } from "../i18n.ts";

/** A unit's name in one language: the same for every value, or singular and plural. */
export type UnitName = string | { readonly one: string; readonly other: string };

export const unitNames = {
  "µg/m³": { nl: "µg/m³", en: "µg/m³" },
  "%": { nl: "%", en: "%" },
  kton: { nl: "kton", en: "kton" },
  TJ: { nl: "TJ", en: "TJ" },
  kg: { nl: "kg", en: "kg" },
  "m³": { nl: "m³", en: "m³" },
  kWh: { nl: "kWh", en: "kWh" },
  klachten: { nl: { one: "klacht", other: "klachten" }, en: { one: "complaint", other: "complaints" } },
  bomen: { nl: { one: "boom", other: "bomen" }, en: { one: "tree", other: "trees" } },
  laadpunten: { nl: { one: "laadpunt", other: "laadpunten" }, en: { one: "charging point", other: "charging points" } },
} as const satisfies Record<string, Record<Lang, UnitName>>;

/** The units the client knows: every unit an indicator of the server has. */
export type UnitCode = keyof typeof unitNames;
