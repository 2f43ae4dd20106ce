/**
 * The registry of themes and their indicators, in the order of the policy plan's chapters. An
 * indicator is one file in ./indicators (its SQL and its metadata together) and one line here; a
 * theme is one entry. Each indicator needs a target in the policy plan (data/policy-plan.json), and a
 * test fails on an indicator without one.
 */
import { defineTheme, type IndicatorDefinition, type ThemeDefinition } from "./define-theme.ts";
import { electricityUsePerHome, gasUsePerHome, publicEvChargers, solarHomes } from "./indicators/cbs-key-figure.ts";
import { co2Emissions } from "./indicators/co2-emissions.ts";
import { noiseComplaints, odourComplaints } from "./indicators/complaints-per-year.ts";
import { greenShare } from "./indicators/green-share.ts";
import { heatStressBuurten } from "./indicators/heat-stress-buurten.ts";
import { residualWaste, wasteSeparation } from "./indicators/household-waste.ts";
import { noiseHomesAbove55, noiseHomesAbove65 } from "./indicators/noise-homes-above.ts";
import { renewableEnergy } from "./indicators/renewable-energy.ts";
import { soilRiskCompliance } from "./indicators/soil-risk-compliance.ts";
import { no2AnnualMean, pm10AnnualMean, pm25AnnualMean } from "./indicators/station-annual-mean.ts";
import { treesPlanted } from "./indicators/trees-planted.ts";

export const themes: readonly ThemeDefinition[] = [
  defineTheme({
    id: "air-quality",
    name: { nl: "Luchtkwaliteit", en: "Air quality" },
    indicators: [no2AnnualMean, pm25AnnualMean, pm10AnnualMean, odourComplaints],
  }),
  defineTheme({
    id: "noise",
    name: { nl: "Geluid", en: "Noise" },
    indicators: [noiseHomesAbove65, noiseHomesAbove55, noiseComplaints],
  }),
  defineTheme({
    id: "energy",
    name: { nl: "Energie & CO2", en: "Energy & CO2" },
    indicators: [co2Emissions, renewableEnergy, gasUsePerHome, electricityUsePerHome, solarHomes, publicEvChargers],
  }),
  defineTheme({
    id: "climate-adaptation",
    name: { nl: "Klimaatadaptatie", en: "Climate adaptation" },
    indicators: [greenShare, treesPlanted, heatStressBuurten],
  }),
  defineTheme({
    id: "circular-economy",
    name: { nl: "Circulaire economie", en: "Circular economy" },
    indicators: [residualWaste, wasteSeparation],
  }),
  defineTheme({
    id: "soil",
    name: { nl: "Bodem", en: "Soil" },
    indicators: [soilRiskCompliance],
  }),
];

export function findIndicator(id: string): { theme: ThemeDefinition; indicator: IndicatorDefinition } | undefined {
  for (const theme of themes) {
    const indicator = theme.indicators.find((i) => i.id === id);
    if (indicator) return { theme, indicator };
  }
  return undefined;
}
