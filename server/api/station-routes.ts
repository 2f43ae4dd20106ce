import { z } from "zod";
import type { Database } from "../db/database.ts";
import { streamMeasurements } from "./measurement-export.ts";
import { requestSignal } from "../http/request-signal.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import type { StationService } from "../stations/station-service.ts";

export const StationPath = z.object({ number: z.string().regex(/^[A-Z]{2}\d{5}$/, { error: "must be a station number like NL10938" }) });
export const DetailQuery = z
  .object({ days: z.coerce.number({ error: "must be a number of days, 1 to 90" }).int().min(1).max(90).default(14) })
  .strict();

const isoDate = (name: string) => z.iso.date({ error: `${name} must be a date like 2025-01-31` });
export const ExportQuery = z
  .object({ from: isoDate("from"), to: isoDate("to"), format: z.literal("csv", { error: 'must be "csv"' }).optional() })
  .strict()
  .refine((q) => q.from < q.to, { error: "from must be before to", path: ["from"] });

export function stationRoutes(route: Route, { stations, db }: { stations: StationService; db: Database }): void {
  route("GET /api/v1/stations", async (req, res) => {
    res.json({ stations: await stations.list({ signal: requestSignal(req, res) }) });
  });

  route("GET /api/v1/stations/:number", async (req, res) => {
    const { number } = parseInput(StationPath, req.params, "path");
    const { days } = parseInput(DetailQuery, req.query, "query");
    res.json(await stations.detail(number, days, { signal: requestSignal(req, res) }));
  });

  route("GET /api/v1/stations/:number/measurements", async (req, res) => {
    const { number } = parseInput(StationPath, req.params, "path");
    const { from, to } = parseInput(ExportQuery, req.query, "query");
    await streamMeasurements(db, res, { station: number, from, to }, requestSignal(req, res));
  });
}
