/**
 * Series and area values as table exports: which columns they have, in which order, from which
 * field of the API's own answer (see table-export.ts for the model, table-csv/arrow/parquet.ts for
 * the writers).
 */
import type { Series } from "../../ground/contract/contract.ts";
import type { AreaValues } from "../../ground/contract/contract-areas.ts";
import { SUPPRESSION_RULE } from "../../engine/themes/disclosure.ts";
import type { Column, TableExport } from "./table-export.ts";

export { ARROW_STREAM } from "./table-arrow.ts";
export { PARQUET } from "./table-parquet.ts";

type Point = Series["points"][number];
const seriesColumns: Column<Point>[] = [
  { header: { nl: "periode", en: "period" }, kind: "text", get: (p) => p.period },
  { header: { nl: "gebiedscode", en: "area_code" }, kind: "text", get: (p) => p.areaCode },
  { header: { nl: "gebiedsnaam", en: "area_name" }, kind: "text", get: (p) => p.areaName },
  { header: { nl: "niveau", en: "level" }, kind: "text", get: (p) => p.level },
  { header: { nl: "waarde", en: "value" }, kind: "number", get: (p) => p.value },
  { header: { nl: "onderdrukt", en: "suppressed" }, kind: "boolean", get: (p) => p.suppressed },
  { header: { nl: "dekking", en: "coverage" }, kind: "number", get: (p) => p.coverage },
];

type AreaRow = AreaValues["areas"][number] & { period: string };
const areaColumns: Column<AreaRow>[] = [
  { header: { nl: "periode", en: "period" }, kind: "text", get: (a) => a.period },
  { header: { nl: "gebiedscode", en: "area_code" }, kind: "text", get: (a) => a.areaCode },
  { header: { nl: "gebiedsnaam", en: "area_name" }, kind: "text", get: (a) => a.areaName },
  { header: { nl: "niveau", en: "level" }, kind: "text", get: (a) => a.level },
  { header: { nl: "waarde", en: "value" }, kind: "number", get: (a) => a.value },
  { header: { nl: "onderdrukt", en: "suppressed" }, kind: "boolean", get: (a) => a.suppressed },
  { header: { nl: "rang", en: "rank" }, kind: "integer", get: (a) => a.rank },
  { header: { nl: "verschil_met_gemeente", en: "vs_city" }, kind: "number", get: (a) => a.vsCity },
  { header: { nl: "stedelijkheid", en: "urbanity" }, kind: "integer", get: (a) => a.urbanity },
  { header: { nl: "gemiddelde_vergelijkbare_gebieden", en: "similar_mean" }, kind: "number", get: (a) => a.similar?.mean ?? null },
];

export const seriesExport = (series: Series): TableExport<Point> => ({
  indicatorId: series.indicatorId,
  unit: series.unit,
  period: series.provenance.period,
  provenance: series.provenance,
  columns: seriesColumns,
  rows: series.points,
  periodOf: (p) => p.period,
  // A series does not say whose audience it was made for (values per area do): the rule is named where it hid a value.
  suppressionRule: series.points.some((p) => p.suppressed) ? SUPPRESSION_RULE : null,
});

export const areasExport = (values: AreaValues): TableExport<AreaRow> => ({
  indicatorId: values.indicatorId,
  unit: values.unit,
  period: values.period,
  provenance: values.provenance,
  columns: areaColumns,
  rows: values.areas.map((a) => ({ ...a, period: values.period ?? "" })),
  periodOf: (a) => a.period,
  suppressionRule: values.suppressionRule,
});
