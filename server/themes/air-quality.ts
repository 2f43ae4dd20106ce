import type { Localized } from "../api/contract.ts";
import { complaintsPerYear } from "./complaints-per-year.ts";
import { defineTheme, type IndicatorDefinition } from "./define-theme.ts";
import { releases } from "./release.ts";
import { annualNorms } from "./norms.ts";

const annualMean = (id: string, formula: string, label: Localized): IndicatorDefinition => ({
  id,
  name: { nl: `${label.nl} jaargemiddelde`, en: `${label.en} annual mean` },
  description: {
    nl: `Jaargemiddelde concentratie ${label.nl} over de meetstations in de gemeente (stationsjaren met minstens 75 % meetdekking).`,
    en: `Annual mean concentration of ${label.en} across the municipality's stations (station-years with at least 75 % data coverage).`,
  },
  unit: "µg/m³",
  direction: "lower",
  seriesSql: "station-annual-mean.sql",
  params: { formula },
  grain: "station",
  rollup: "weighted-mean",
  lowestLevel: "gemeente",
  disclosure: null,
  pipelines: ["air-quality-measurements", "air-quality-stations"],
  release: releases.continuous,
  qualityTier: "provisional",
  norms: annualNorms[formula] ?? [],
});

export default defineTheme({
  id: "air-quality",
  name: { nl: "Luchtkwaliteit", en: "Air quality" },
  indicators: [
    annualMean("no2-annual-mean", "NO2", { nl: "NO₂", en: "NO₂" }),
    annualMean("pm25-annual-mean", "PM25", { nl: "PM2,5", en: "PM2.5" }),
    annualMean("pm10-annual-mean", "PM10", { nl: "PM10", en: "PM10" }),
    complaintsPerYear("odour-complaints", "odour", { nl: "Geurklachten", en: "Odour complaints" }),
  ],
});
