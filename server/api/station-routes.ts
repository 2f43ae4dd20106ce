import { z } from "zod";
import { requestSignal } from "../http/request-signal.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import type { StationService } from "../stations/station-service.ts";

const StationPath = z.object({ number: z.string().regex(/^[A-Z]{2}\d{5}$/, { error: "must be a station number like NL10938" }) });
const DetailQuery = z
  .object({ days: z.coerce.number({ error: "must be a number of days, 1 to 90" }).int().min(1).max(90).default(14) })
  .strict();

export function stationRoutes(route: Route, { stations }: { stations: StationService }): void {
  route("GET /api/v1/stations", async (req, res) => {
    res.json({ stations: await stations.list({ signal: requestSignal(req, res) }) });
  });

  route("GET /api/v1/stations/:number", async (req, res) => {
    const { number } = parseInput(StationPath, req.params, "path");
    const { days } = parseInput(DetailQuery, req.query, "query");
    res.json(await stations.detail(number, days, { signal: requestSignal(req, res) }));
  });
}
