import { complaintsPerYear } from "./complaints-per-year.ts";
import { defineTheme, type IndicatorDefinition } from "./define-theme.ts";
import { releases } from "./release.ts";

const homesAbove = (threshold: number, note: { nl: string; en: string }): IndicatorDefinition => ({
  id: `noise-homes-above-${threshold}db`,
  name: { nl: `Woningen boven ${threshold} dB Lden (wegverkeer)`, en: `Homes above ${threshold} dB Lden (road traffic)` },
  description: {
    nl: `Aandeel woningen met een geluidbelasting door wegverkeer van ${threshold} dB Lden of meer, uit de geluidkaarten (elke vijf jaar). ${note.nl}`,
    en: `Share of homes exposed to road-traffic noise of ${threshold} dB Lden or more, from the noise maps (every five years). ${note.en}`,
  },
  unit: "%",
  direction: "lower",
  seriesSql: "noise-share-above.sql",
  params: { threshold },
  grain: "buurt",
  rollup: "weighted-mean",
  lowestLevel: "buurt",
  disclosure: null,
  pipelines: ["noise-exposure", "areas", "area-key-figures"],
  release: releases.noiseMaps,
  qualityTier: "modelled",
  norms: [],
});

export default defineTheme({
  id: "noise",
  name: { nl: "Geluid", en: "Noise" },
  indicators: [
    homesAbove(65, { nl: "Boven 65 dB is de belasting ernstig.", en: "Above 65 dB the exposure is severe." }),
    homesAbove(55, { nl: "De WHO adviseert voor wegverkeer minder dan 53 dB.", en: "The WHO recommends less than 53 dB for road traffic." }),
    complaintsPerYear("noise-complaints", "noise", { nl: "Geluidsklachten", en: "Noise complaints" }),
  ],
});
