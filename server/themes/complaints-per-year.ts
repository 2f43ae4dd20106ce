/** Complaints of one kind per year, per buurt: one definition for every theme that counts them. */
import type { Localized } from "../api/contract.ts";
import type { IndicatorDefinition } from "./define-theme.ts";
import { releases } from "./release.ts";

export const complaintsPerYear = (id: string, kind: "noise" | "odour" | "dust" | "light", label: Localized): IndicatorDefinition => ({
  id,
  name: { nl: `${label.nl} per jaar`, en: `${label.en} per year` },
  description: { nl: `Aantal ontvangen ${label.nl.toLowerCase()} per kalenderjaar.`, en: `Number of ${label.en.toLowerCase()} received per calendar year.` },
  unit: "klachten",
  direction: "lower",
  seriesSql: "complaints-per-year.sql",
  params: { kind },
  grain: "buurt",
  rollup: "sum",
  lowestLevel: "buurt",
  disclosure: "complaints",
  pipelines: ["complaints", "areas"],
  release: releases.continuous,
  qualityTier: "validated",
  norms: [],
});
