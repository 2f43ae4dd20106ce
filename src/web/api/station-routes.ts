import type { Database } from "../../store/database.ts";
import { streamMeasurements } from "./measurement-export.ts";
import { requestSignal } from "../http/request-signal.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import type { StationService } from "../../engine/stations/station-service.ts";
import { DetailQuery, ExportQuery, StationPath } from "../../ground/contract/requests/stations.ts";

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
    const { from, to, sep, lang } = parseInput(ExportQuery, req.query, "query");
    await streamMeasurements(db, res, { station: number, from, to }, { sep, lang }, requestSignal(req, res));
  });
}
