import { releases } from "./release.ts";
import { defineTheme } from "./define-theme.ts";

export default defineTheme({
  id: "soil",
  name: { nl: "Bodem", en: "Soil" },
  indicators: [
    {
      id: "soil-risk-compliance",
      name: { nl: "Naleving bij bodembedreigende activiteiten", en: "Compliance at soil-risk activities" },
      description: {
        nl: "Aandeel controles zonder overtreding bij inrichtingen met bodembedreigende activiteiten (milieucategorie 4 en hoger).",
        en: "Share of inspections without violations at establishments with soil-risk activities (environmental category 4 and up).",
      },
      unit: "%",
      direction: "higher",
      seriesSql: "soil-risk-compliance.sql",
      params: {},
      grain: "buurt",
      rollup: "weighted-mean",
      // Few soil-risk establishments per buurt: a buurt's share would swing on one inspection.
      lowestLevel: "wijk",
      disclosure: "establishments",
      pipelines: ["inspections", "establishments", "areas"],
      release: releases.continuous,
      qualityTier: "validated",
      norms: [],
    },
  ],
});
