/** Complaints of one kind per year, per buurt: one definition for every theme that counts them. */
import type { Localized } from "../../../ground/contract/contract.ts";
import { defineIndicator } from "../define-theme.ts";
import { perThousandInhabitants } from "../area-rates.ts";
import { releases } from "../release.ts";

/**
 * Complaints of one kind received per calendar year, per buurt (NULL: outside every buurt). The newest
 * year counts only once the register has reached its December (any kind), so a year in progress
 * never looks low. Each complaint is a unit for disclosure control.
 */
const sql = `
WITH latest AS (SELECT max(received_on) AS day FROM main.complaints)
SELECT c.buurt_code AS area_code, year(c.received_on)::VARCHAR AS period, count(*)::DOUBLE AS value, count(*) AS units
FROM main.complaints c, latest
WHERE c.kind = $kind AND (year(c.received_on) < year(latest.day) OR month(latest.day) = 12)
GROUP BY ALL
ORDER BY period, area_code`;

const complaintsPerYear = (id: string, kind: "noise" | "odour" | "dust" | "light", label: Localized) =>
  defineIndicator({
    id,
    name: { nl: `${label.nl} per jaar`, en: `${label.en} per year` },
    description: { nl: `Aantal ontvangen ${label.nl.toLowerCase()} per kalenderjaar.`, en: `Number of ${label.en.toLowerCase()} received per calendar year.` },
    unit: "klachten",
    direction: "lower",
    sql,
    params: { kind },
    grain: "buurt",
    rollup: "sum",
    lowestLevel: "buurt",
    rate: perThousandInhabitants({ nl: "klachten per 1.000 inwoners", en: "complaints per 1,000 inhabitants" }),
    disclosure: "complaints",
    pipelines: ["complaints", "areas"],
    release: releases.continuous,
    qualityTier: "validated",
    norms: [],
  });

export const odourComplaints = complaintsPerYear("odour-complaints", "odour", { nl: "Geurklachten", en: "Odour complaints" });
export const noiseComplaints = complaintsPerYear("noise-complaints", "noise", { nl: "Geluidsklachten", en: "Noise complaints" });
