/**
 * A station's hourly measurements as CSV, streamed: rows go out a chunk at a time and the query waits
 * while the client is slow to read (backpressure), so memory stays flat however long the export.
 * The client going away interrupts the query.
 */
import { once } from "node:events";
import type { Response } from "express";
import type { Database } from "../../store/database.ts";
import { NotFound } from "../../ground/domain-errors.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { msg } from "../../ground/i18n/message.ts";
import { findPipeline } from "../../pipelines/index.ts";
import { csvDocument, csvRow } from "./csv.ts";
import { headerRow, provenanceComment, type Header } from "./export-labels.ts";
import type { CsvOptions } from "./table-csv.ts";

const EXPORT_SQL = `SELECT strftime(timestamp_measured, '%Y-%m-%dT%H:%M:%SZ') AS time, formula, value
FROM main.air_quality_measurements
WHERE station_number = $station AND timestamp_measured >= $from::TIMESTAMP AND timestamp_measured < $to::TIMESTAMP
ORDER BY timestamp_measured, formula`;

const HEADERS: Header[] = [
  { nl: "tijd", en: "time" },
  { nl: "station", en: "station" },
  { nl: "component", en: "formula" },
  { nl: "waarde", en: "value" },
];

/** An export may take minutes; it is not held to the API's query deadline. */
const EXPORT_TIMEOUT_MS = 10 * 60_000;

export async function streamMeasurements(
  db: Database,
  res: Response,
  query: { station: string; from: string; to: string },
  { sep, lang }: CsvOptions,
  signal: AbortSignal,
): Promise<void> {
  const published = await db.published.settled();
  const stations = published.has("air-quality-stations")
    ? await db.query("SELECT 1 FROM main.air_quality_stations WHERE number = $1", [query.station], { signal })
    : [];
  if (stations.length === 0 || !published.has("air-quality-measurements")) throw new NotFound(msg("unknown.station", { number: quoted(query.station) }));
  const attribution = findPipeline("air-quality-measurements")?.attribution;
  res.type("text/csv; charset=utf-8").attachment(`${query.station}-${query.from}-${query.to}.csv`);
  const comment = provenanceComment(
    {
      source: attribution?.source ?? "-",
      licence: attribution?.licence ?? "-",
      runId: published.get("air-quality-measurements")?.runId ?? null,
      qualityTier: "provisional",
    },
    lang,
  );
  res.write(csvDocument([comment], headerRow(HEADERS, lang), [], sep));
  await db.stream(EXPORT_SQL, query, { signal, timeoutMs: EXPORT_TIMEOUT_MS }, async (rows) => {
    if (!res.write(rows.map((r) => csvRow([r.time, query.station, r.formula, r.value], sep)).join(""))) await once(res, "drain", { signal });
  });
  res.end();
}
