/** Key figures CBS publishes per gemeente, wijk and buurt (energy use, solar panels, charging points). */
import { defineIndicator, type IndicatorDefinition } from "../define-theme.ts";
import { perThousandInhabitants } from "../area-rates.ts";
import { releases } from "../release.ts";

/** One CBS key figure per area (gemeente, wijk and buurt as CBS publishes them) and year; withheld values stay NULL. */
const sql = `
SELECT k.area_code, coalesce(a.name, k.area_code) AS area_name, k.period::VARCHAR AS period, k.value,
       CASE WHEN k.value IS NULL THEN 0.0 ELSE 1.0 END AS coverage
FROM main.area_key_figures k LEFT JOIN main.areas a ON a.code = k.area_code
WHERE k.measure = $measure AND (k.area_code = $gm OR k.area_code LIKE 'WK%' OR k.area_code LIKE 'BU%')
ORDER BY period, area_code`;

const cbs = (
  id: string,
  measure: string,
  name: IndicatorDefinition["name"],
  unit: string,
  direction: "lower" | "higher",
  description: IndicatorDefinition["description"],
  rate?: IndicatorDefinition["rate"],
) =>
  defineIndicator({
    id,
    name,
    description,
    unit,
    direction,
    sql,
    params: { measure },
    grain: "all-levels",
    rollup: "weighted-mean",
    lowestLevel: "buurt",
    ...(rate ? { rate } : {}),
    // CBS protects its own small cells before publishing.
    disclosure: null,
    pipelines: ["area-key-figures", "areas"],
    release: releases.cbsAnnual,
    qualityTier: "validated",
    norms: [],
  });

export const gasUsePerHome = cbs("gas-use-per-home", "avg_gas_m3", { nl: "Gasverbruik per woning", en: "Gas use per home" }, "m³", "lower", {
  nl: "Gemiddeld aardgasverbruik van woningen per jaar (CBS).",
  en: "Average natural gas use of homes per year (CBS).",
});
export const electricityUsePerHome = cbs(
  "electricity-use-per-home",
  "avg_electricity_kwh",
  { nl: "Elektriciteitsverbruik per woning", en: "Electricity use per home" },
  "kWh",
  "lower",
  { nl: "Gemiddeld elektriciteitsverbruik van woningen per jaar (CBS).", en: "Average electricity use of homes per year (CBS)." },
);
export const solarHomes = cbs("solar-homes", "solar_share", { nl: "Woningen met zonnepanelen", en: "Homes with solar panels" }, "%", "higher", {
  nl: "Aandeel woningen met zonnestroominstallatie (CBS).",
  en: "Share of homes with solar power installations (CBS).",
});
export const publicEvChargers = cbs(
  "public-ev-chargers",
  "ev_chargers",
  { nl: "Publieke laadpunten", en: "Public charging points" },
  "laadpunten",
  "higher",
  { nl: "Aantal publieke laadpunten voor elektrische auto's (CBS).", en: "Number of public charging points for electric cars (CBS)." },
  perThousandInhabitants({ nl: "laadpunten per 1.000 inwoners", en: "charging points per 1,000 inhabitants" }),
);
