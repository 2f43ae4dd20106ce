import { defineIndicator, municipalOnly } from "../define-theme.ts";
import { releases } from "../release.ts";

export const co2Emissions = defineIndicator({
  id: "co2-emissions",
  name: { nl: "CO2-uitstoot", en: "CO2 emissions" },
  description: {
    nl: "Totale CO2-uitstoot op het grondgebied van de gemeente, alle sectoren.",
    en: "Total CO2 emissions on the municipality's territory, all sectors.",
  },
  unit: "kton",
  direction: "lower",
  // Total CO2 emissions of the municipality per year, all sectors, kiloton.
  sql: `
SELECT $gm AS area_code, year::VARCHAR AS period, round(sum(kton_co2), 1) AS value
FROM main.co2_emissions GROUP BY year ORDER BY period`,
  params: {},
  ...municipalOnly,
  pipelines: ["co2-emissions"],
  release: releases.emissionRegistration,
  qualityTier: "modelled",
  norms: [],
});
