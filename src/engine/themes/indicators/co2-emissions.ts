import type { Localized } from "../../../ground/contract/contract.ts";
import type { co2Sectors } from "../../../pipelines/co2-emissions.ts";
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
  // The emission registration's sectors, which add up to the total above.
  parts: {
    by: "sector",
    sql: `
SELECT year::VARCHAR AS period, sector AS key, sum(kton_co2) AS value
FROM main.co2_emissions GROUP BY ALL ORDER BY period, key`,
    names: {
      built_environment_homes: { nl: "Gebouwde omgeving: woningen", en: "Built environment: homes" },
      built_environment_services: { nl: "Gebouwde omgeving: diensten", en: "Built environment: services" },
      traffic: { nl: "Verkeer en vervoer", en: "Traffic and transport" },
      industry: { nl: "Industrie", en: "Industry" },
      agriculture: { nl: "Landbouw", en: "Agriculture" },
      waste_water: { nl: "Afval en afvalwater", en: "Waste and waste water" },
    } satisfies Record<(typeof co2Sectors)[number], Localized>,
  },
});
