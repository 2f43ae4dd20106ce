/**
 * Complaints about one establishment per year, stacked by kind (noise, odour, dust, …). Pure: rows
 * in, a Plot element out; the dossier shows the same counts as a table beside it.
 */
import { Plot } from "./plot.ts";
import type { EstablishmentDossier } from "../../../src/ground/contract/contract-dossier.ts";
import { translate, type Lang } from "../i18n.ts";

export type ComplaintsByYear = EstablishmentDossier["complaintsByYear"];
export type ComplaintKind = ComplaintsByYear[number]["kind"];

export const complaintKinds: readonly ComplaintKind[] = ["noise", "odour", "dust", "light", "other"];

/** Every year from the first complaint to the last, so a quiet year shows as a gap, not as nothing. */
export function complaintYears(rows: ComplaintsByYear): number[] {
  if (rows.length === 0) return [];
  const years = rows.map((row) => row.year);
  const first = Math.min(...years);
  return Array.from({ length: Math.max(...years) - first + 1 }, (_, i) => first + i);
}

export function complaintsChart(rows: ComplaintsByYear, { width, lang }: { width: number; lang: Lang }): SVGSVGElement | HTMLElement {
  const kindLabel = (kind: ComplaintKind) => translate(lang, `dossier.complaintKind.${kind}`);
  const kinds = complaintKinds.filter((kind) => rows.some((row) => row.kind === kind));
  const highest = Math.max(1, ...complaintYears(rows).map((year) => rows.filter((row) => row.year === year).reduce((sum, row) => sum + row.count, 0)));
  const step = Math.ceil(highest / 5);
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 40,
    style: { fontSize: "12px", fontFamily: "inherit" },
    x: { type: "band", domain: complaintYears(rows), label: null, tickFormat: (year: number) => String(year) },
    // Counts are whole: ticks at whole numbers only.
    y: { label: translate(lang, "dossier.complaintsAxis"), grid: true, ticks: Array.from({ length: Math.floor(highest / step) + 1 }, (_, i) => i * step) },
    color: { domain: kinds.map(kindLabel), scheme: "tableau10", legend: true },
    marks: [
      Plot.barY(rows, {
        x: "year",
        y: "count",
        fill: (row: ComplaintsByYear[number]) => kindLabel(row.kind),
        title: (row: ComplaintsByYear[number]) => `${row.year}: ${row.count} × ${kindLabel(row.kind)}`,
      }),
      Plot.ruleY([0]),
    ],
  });
}
