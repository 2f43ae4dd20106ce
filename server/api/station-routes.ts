import { z } from "zod";
import type { Database } from "../db/database.ts";
import { streamMeasurements } from "./measurement-export.ts";
import { csvOptions } from "./params.ts";
import { requestSignal } from "../http/request-signal.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import { reason } from "../i18n/message.ts";
import { choices } from "../i18n/choices.ts";
import type { StationService } from "../stations/station-service.ts";

export const StationPath = z.object({ number: z.string().regex(/^[A-Z]{2}\d{5}$/, { error: reason("param.stationNumber") }) });
export const DetailQuery = z
  .object({ days: z.coerce.number({ error: reason("param.days") }).int({ error: reason("param.days") }).min(1, { error: reason("param.days") }).max(90, { error: reason("param.days") }).default(14) })
  .strict();

const isoDate = (name: string) => z.iso.date({ error: reason("param.date", { name }) });
export const ExportQuery = z
  .object({ from: isoDate("from"), to: isoDate("to"), format: z.literal("csv", { error: reason("param.oneOf", { choices: choices(["csv"]) }) }).optional(), ...csvOptions })
  .strict()
  .refine((q) => q.from < q.to, { error: reason("param.fromBeforeTo"), path: ["from"] });

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
