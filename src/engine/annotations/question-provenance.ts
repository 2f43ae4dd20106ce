/**
 * The provenance of the number a question is about, computed on the server from the subject for the
 * asker's role: the value exactly as that role is served it (suppressed for the policy role where
 * disclosure control withholds it), the published runs and the source. Nothing the client says about
 * the number is trusted.
 */
import { isAllowed, routeAccess } from "../../ground/contract/access.ts";
import type { Role } from "../../ground/contract/contract.ts";
import type { QuestionProvenance, QuestionSubject } from "../../ground/contract/contract-questions.ts";
import { BadParameter, NotFound } from "../../ground/domain-errors.ts";
import { msg } from "../../ground/i18n/message.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { findPipeline } from "../../pipelines/index.ts";
import type { Database } from "../../store/database.ts";
import { findIndicator } from "../themes/index.ts";
import { audienceOf, type IndicatorService } from "../themes/indicator-service.ts";

const STATION_PIPELINES = ["air-quality-stations", "air-quality-measurements"] as const;

export interface ProvenanceDeps {
  db: Database;
  indicators: IndicatorService;
}

/** The roles that may see a station (by the access table's GET /api/v1/stations/:number): others ask about aggregates only. */
const seesStations = (role: Role) => isAllowed(routeAccess["GET /api/v1/stations/:number"], role);

export async function provenanceOf(subject: QuestionSubject, role: Role, { db, indicators }: ProvenanceDeps): Promise<QuestionProvenance> {
  if (subject.kind === "station") return stationProvenance(subject.station, role, db);
  const found = findIndicator(subject.indicatorId);
  if (!found) throw new BadParameter("subject.indicatorId", msg("param.unknownSubject", { subject: "indicator", id: quoted(subject.indicatorId) }), "body");
  const series = await indicators
    .series(subject.indicatorId, { by: "area", area: subject.areaCode }, { audience: audienceOf(role) })
    .catch((error: unknown) => {
      // An area the indicator has no values for is the body's areaCode, not a query parameter.
      if (error instanceof BadParameter || error instanceof NotFound)
        throw new BadParameter("subject.areaCode", error instanceof BadParameter ? error.reason : error.detailMessages[0]!, "body");
      throw error;
    });
  const withValue = series.points.filter((p) => p.value !== null || p.suppressed);
  const point = subject.period === undefined ? withValue.at(-1) : series.points.find((p) => p.period === subject.period);
  if (subject.period !== undefined && !point) {
    throw new BadParameter("subject.period", msg("param.noPeriodValue", { indicator: subject.indicatorId, period: subject.period }), "body");
  }
  const p = series.provenance;
  const runs = p.inputs.map(({ pipeline, runId }) => ({ pipeline, runId }));
  return {
    indicatorId: subject.indicatorId,
    station: null,
    name: found.indicator.name.nl,
    period: point?.period ?? null,
    areaCode: point?.areaCode ?? subject.areaCode ?? null,
    areaName: point?.areaName ?? null,
    value: point?.value ?? null,
    suppressed: point?.suppressed ?? false,
    unit: series.unit,
    servedTo: role,
    source: p.source,
    licence: p.licence,
    runs,
    dataVersion: runs.map((r) => `${r.pipeline}:${r.runId ?? "-"}`).join(","),
    qualityTier: p.qualityTier,
  };
}

async function stationProvenance(number: string, role: Role, db: Database): Promise<QuestionProvenance> {
  if (!seesStations(role)) throw new BadParameter("subject.kind", msg("param.stationSubject"), "body");
  const published = await db.published.settled();
  const rows = published.get("air-quality-stations") ? await db.query("SELECT location FROM main.air_quality_stations WHERE number = $1", [number]) : [];
  if (!rows[0]) throw new BadParameter("subject.station", msg("param.unknownSubject", { subject: "station", id: quoted(number) }), "body");
  const runs = STATION_PIPELINES.map((pipeline) => ({ pipeline, runId: published.get(pipeline)?.runId ?? null }));
  const attribution = findPipeline("air-quality-measurements")?.attribution;
  return {
    indicatorId: null,
    station: number,
    name: String(rows[0].location),
    period: null,
    areaCode: null,
    areaName: null,
    value: null,
    suppressed: false,
    unit: null,
    servedTo: role,
    source: attribution?.source ?? "",
    licence: attribution?.licence ?? null,
    runs,
    dataVersion: runs.map((r) => `${r.pipeline}:${r.runId ?? "-"}`).join(","),
    qualityTier: null,
  };
}
