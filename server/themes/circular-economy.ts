import { releases } from "./release.ts";
import { defineTheme, municipalOnly } from "./define-theme.ts";

export default defineTheme({
  id: "circular-economy",
  name: { nl: "Circulaire economie", en: "Circular economy" },
  indicators: [
    {
      id: "residual-waste",
      name: { nl: "Restafval per inwoner", en: "Residual waste per inhabitant" },
      description: { nl: "Huishoudelijk restafval per inwoner per jaar.", en: "Household residual waste per inhabitant per year." },
      unit: "kg",
      direction: "lower",
      seriesSql: "waste.sql",
      params: { measure: "residual" },
      ...municipalOnly,
      pipelines: ["waste"],
      release: releases.cbsAnnual,
      qualityTier: "validated",
      norms: [],
    },
    {
      id: "waste-separation",
      name: { nl: "Afvalscheiding", en: "Waste separation" },
      description: { nl: "Aandeel gescheiden ingezameld huishoudelijk afval.", en: "Share of household waste collected separately." },
      unit: "%",
      direction: "higher",
      seriesSql: "waste.sql",
      params: { measure: "separation" },
      ...municipalOnly,
      pipelines: ["waste"],
      release: releases.cbsAnnual,
      qualityTier: "validated",
      norms: [],
    },
  ],
});
