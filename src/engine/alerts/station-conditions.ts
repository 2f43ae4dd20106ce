/**
 * station-24h: a station's latest complete daily mean above the EU 24-hour limit value of that
 * pollutant. The limit in force is taken (2008/50/EC where it has one, else 2024/2881).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "../../store/database.ts";
import { pipelinesReadBy } from "../pipelines/pipelines-read-by.ts";
import { versionOf, type PublishedRuns } from "../../store/published-runs.ts";
import { decimal, localize } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import { dailyNorms } from "../themes/norms.ts";
import { round1, type AlertCondition } from "./alert-condition.ts";
import { selects, type AlertRule } from "./alert-rules.ts";

const latestDailyMeansSql = readFileSync(path.join(import.meta.dirname, "sql", "latest-daily-means.sql"), "utf8");
const STATION_PIPELINES = pipelinesReadBy(latestDailyMeansSql);

export interface DailyMean {
  station: string;
  stationName: string;
  formula: string;
  day: string;
  mean: number;
}

/** The EU 24-hour limit in force for a pollutant, or undefined when it has none. */
export function dailyLimit(formula: string) {
  const norms = dailyNorms[formula];
  return (norms?.find((n) => n.norm.id === "eu-2008-24h") ?? norms?.[0])?.norm;
}

/** Reads the latest daily means once per published version of the station data. */
export function createDailyMeanReader(db: Database) {
  let cached: { version: string; means: DailyMean[] } | null = null;
  return async (published: PublishedRuns, signal: AbortSignal): Promise<DailyMean[]> => {
    const version = versionOf(published, STATION_PIPELINES);
    if (!version) return [];
    if (cached?.version === version) return cached.means;
    const rows = await db.query(latestDailyMeansSql, [], { signal, timeoutMs: 60_000 });
    const means = rows.map((r) => ({
      station: String(r.station_number),
      stationName: String(r.station_name),
      formula: String(r.formula),
      day: String(r.day),
      mean: Number(r.mean),
    }));
    cached = { version, means };
    return means;
  };
}

export function stationConditions(rule: Extract<AlertRule, { kind: "station-24h" }>, means: DailyMean[]): AlertCondition[] {
  return means.flatMap((m) => {
    const limit = dailyLimit(m.formula);
    if (!limit || !selects(rule.components, m.formula) || m.mean <= limit.value) return [];
    const mean = round1(m.mean);
    return [
      {
        rule: rule.id,
        kind: rule.kind,
        subject: `${m.station}/${m.formula}`,
        message: localize(
          msg("alert.stationAbove24h", {
            stationName: m.stationName,
            station: m.station,
            component: m.formula,
            day: m.day,
            mean: decimal(mean, 1),
            norm: limit.label,
            limit: limit.value,
          }),
        ),
        details: { station: m.station, stationName: m.stationName, component: m.formula, day: m.day, mean, limit: limit.value, norm: limit.id },
      },
    ];
  });
}
