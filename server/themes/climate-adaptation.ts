import { defineTheme } from "./define-theme.ts";

export default defineTheme({
  id: "climate-adaptation",
  name: { nl: "Klimaatadaptatie", en: "Climate adaptation" },
  indicators: [
    {
      id: "green-share",
      name: { nl: "Groen in de wijk", en: "Green space" },
      description: { nl: "Aandeel groen in het oppervlak, gemiddeld over de buurten.", en: "Green share of the surface, averaged over the neighbourhoods." },
      unit: "%",
      direction: "higher",
      seriesSql: "green-share.sql",
      params: {},
      municipal: "mean-of-areas",
      pipelines: ["green-heat", "areas"],
      qualityTier: "modelled",
      norms: [],
    },
    {
      id: "heat-stress-buurten",
      name: { nl: "Buurten met veel hittestress", en: "Neighbourhoods with high heat stress" },
      description: { nl: "Aandeel buurten in hittestressklasse 4 of 5.", en: "Share of neighbourhoods in heat-stress class 4 or 5." },
      unit: "%",
      direction: "lower",
      seriesSql: "heat-stress-share.sql",
      params: {},
      municipal: "from-sql",
      pipelines: ["green-heat"],
      qualityTier: "modelled",
      norms: [],
    },
  ],
});
