import { releases } from "./release.ts";
import { defineTheme, municipalOnly, type IndicatorDefinition } from "./define-theme.ts";

const cbs = (
  id: string,
  measure: string,
  name: IndicatorDefinition["name"],
  unit: string,
  direction: "lower" | "higher",
  description: IndicatorDefinition["description"],
): IndicatorDefinition => ({
  id,
  name,
  description,
  unit,
  direction,
  seriesSql: "cbs-measure.sql",
  params: { measure },
  grain: "all-levels",
  rollup: "weighted-mean",
  lowestLevel: "buurt",
  // CBS protects its own small cells before publishing.
  disclosure: null,
  pipelines: ["area-key-figures", "areas"],
  release: releases.cbsAnnual,
  qualityTier: "validated",
  norms: [],
});

export default defineTheme({
  id: "energy",
  name: { nl: "Energie & CO2", en: "Energy & CO2" },
  indicators: [
    {
      id: "co2-emissions",
      name: { nl: "CO2-uitstoot", en: "CO2 emissions" },
      description: {
        nl: "Totale CO2-uitstoot op het grondgebied van de gemeente, alle sectoren.",
        en: "Total CO2 emissions on the municipality's territory, all sectors.",
      },
      unit: "kton",
      direction: "lower",
      seriesSql: "co2-total.sql",
      params: {},
      ...municipalOnly,
      pipelines: ["co2-emissions"],
      release: releases.emissionRegistration,
      qualityTier: "modelled",
      norms: [],
    },
    {
      id: "renewable-energy",
      name: { nl: "Hernieuwbare energie", en: "Renewable energy" },
      description: {
        nl: "Opgewekte hernieuwbare energie: zon, wind, warmtepompen, biomassa.",
        en: "Renewable energy produced: solar, wind, heat pumps, biomass.",
      },
      unit: "TJ",
      direction: "higher",
      seriesSql: "renewable-total.sql",
      params: {},
      ...municipalOnly,
      pipelines: ["renewable-energy"],
      release: releases.energyStatistics,
      qualityTier: "modelled",
      norms: [],
    },
    cbs("gas-use-per-home", "avg_gas_m3", { nl: "Gasverbruik per woning", en: "Gas use per home" }, "m³", "lower", {
      nl: "Gemiddeld aardgasverbruik van woningen per jaar (CBS).",
      en: "Average natural gas use of homes per year (CBS).",
    }),
    cbs("electricity-use-per-home", "avg_electricity_kwh", { nl: "Elektriciteitsverbruik per woning", en: "Electricity use per home" }, "kWh", "lower", {
      nl: "Gemiddeld elektriciteitsverbruik van woningen per jaar (CBS).",
      en: "Average electricity use of homes per year (CBS).",
    }),
    cbs("solar-homes", "solar_share", { nl: "Woningen met zonnepanelen", en: "Homes with solar panels" }, "%", "higher", {
      nl: "Aandeel woningen met zonnestroominstallatie (CBS).",
      en: "Share of homes with solar power installations (CBS).",
    }),
    cbs("public-ev-chargers", "ev_chargers", { nl: "Publieke laadpunten", en: "Public charging points" }, "laadpunten", "higher", {
      nl: "Aantal publieke laadpunten voor elektrische auto's (CBS).",
      en: "Number of public charging points for electric cars (CBS).",
    }),
  ],
});
