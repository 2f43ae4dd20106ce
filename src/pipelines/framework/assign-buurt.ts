/**
 * Assigns each staged point to its buurt by point-in-polygon against the published areas, at ingest
 * (DuckDB's spatial extension is not available, so the geometry runs in TypeScript). Points are
 * matched once per distinct coordinate and written back set-wise through a temporary mapping table.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CheckResult } from "../../ground/contract/contract.ts";
import { localize } from "../../ground/i18n/localize.ts";
import { msg } from "../../ground/i18n/message.ts";
import { pointInGeometry, type PolygonGeometry, type Position } from "../../ground/geometry.ts";
import { tableExists } from "../../store/table-exists.ts";
import { quote } from "../../ground/sql-text.ts";

export const BUURT_COLUMN = "buurt_code";

interface Buurt {
  code: string;
  geometry: PolygonGeometry;
  bbox: [number, number, number, number];
}

function bboxOf(geometry: PolygonGeometry): Buurt["bbox"] {
  const points = (geometry.coordinates as unknown[]).flat(3) as number[];
  const xs = points.filter((_, i) => i % 2 === 0);
  const ys = points.filter((_, i) => i % 2 === 1);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export async function assignBuurt(connection: DuckDBConnection, stagingTable: string, { lon, lat }: { lon: string; lat: string }): Promise<CheckResult> {
  const staged = `main.${quote(stagingTable)}`;
  await connection.run(`ALTER TABLE ${staged} ADD COLUMN ${quote(BUURT_COLUMN)} VARCHAR`);
  const buurten: Buurt[] = [];
  if (await tableExists(connection, "areas")) {
    const rows = await connection.runAndReadAll("SELECT code, geometry::VARCHAR FROM main.areas WHERE level = 'buurt'");
    for (const [code, geometry] of rows.getRows()) {
      const parsed = JSON.parse(String(geometry)) as PolygonGeometry;
      buurten.push({ code: String(code), geometry: parsed, bbox: bboxOf(parsed) });
    }
  }
  const points = (await connection.runAndReadAll(`SELECT DISTINCT ${quote(lon)}, ${quote(lat)} FROM ${staged} WHERE ${quote(lon)} IS NOT NULL`)).getRows() as [
    number,
    number,
  ][];
  await connection.run("CREATE OR REPLACE TEMP TABLE __buurt_of (lon DOUBLE, lat DOUBLE, code VARCHAR)");
  const appender = await connection.createAppender("__buurt_of", "main", "temp");
  let unassigned = 0;
  for (const [x, y] of points) {
    const point: Position = [x, y];
    const hit = buurten.find((b) => x >= b.bbox[0] && x <= b.bbox[2] && y >= b.bbox[1] && y <= b.bbox[3] && pointInGeometry(point, b.geometry));
    if (!hit) unassigned++;
    appender.appendDouble(x);
    appender.appendDouble(y);
    if (hit) appender.appendVarchar(hit.code);
    else appender.appendNull();
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(
    `UPDATE ${staged} SET ${quote(BUURT_COLUMN)} = m.code FROM __buurt_of m WHERE ${staged}.${quote(lon)} = m.lon AND ${staged}.${quote(lat)} = m.lat`,
  );
  await connection.run("DROP TABLE __buurt_of");
  return {
    name: "buurt_assignment",
    level: "warn",
    passed: unassigned === 0,
    count: unassigned,
    sample: [],
    message: localize(
      buurten.length === 0 ? msg("check.noBuurten") : msg("check.buurtAssigned", { assigned: points.length - unassigned, total: points.length }),
    ),
  };
}
