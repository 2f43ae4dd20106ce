import { defineTheme } from "./define-theme.ts";

export default defineTheme({
  id: "noise",
  name: { nl: "Geluid", en: "Noise" },
  indicators: [
    {
      id: "noise-homes-above-65db",
      name: { nl: "Woningen boven 65 dB Lden (wegverkeer)", en: "Homes above 65 dB Lden (road traffic)" },
      description: {
        nl: "Aandeel woningen met een geluidbelasting door wegverkeer boven 65 dB Lden, uit de geluidkaarten (elke vijf jaar).",
        en: "Share of homes exposed to road-traffic noise above 65 dB Lden, from the noise maps (every five years).",
      },
      unit: "%",
      direction: "lower",
      seriesSql: "noise-share-above-65.sql",
      params: {},
      municipal: "mean-of-areas",
      pipelines: ["noise-exposure", "areas"],
      qualityTier: "modelled",
      norms: [],
    },
    {
      id: "noise-complaints",
      name: { nl: "Geluidsklachten per jaar", en: "Noise complaints per year" },
      description: { nl: "Aantal ontvangen klachten over geluid per kalenderjaar.", en: "Number of noise complaints received per calendar year." },
      unit: "klachten",
      direction: "lower",
      seriesSql: "complaints-per-year.sql",
      params: { kind: "noise" },
      municipal: "from-sql",
      pipelines: ["complaints"],
      qualityTier: "validated",
      norms: [],
    },
  ],
});
