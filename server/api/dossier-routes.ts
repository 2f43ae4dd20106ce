/**
 * The permit officer's API: establishment search, the establishment and location dossiers, and the
 * admin's audit log. Dossiers hold personal data (eenmanszaken), so every view and export is audited
 * (every /api response is `Cache-Control: no-store`, see app.ts).
 */
import { z } from "zod";
import { establishmentSorts } from "./contract-dossier.ts";
import { boundedInt, areaCode, csvOptions, latitude, longitude } from "./params.ts";
import { fromOneVersion } from "../http/data-version.ts";
import { requestSignal } from "../http/request-signal.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { HttpError } from "../http/http-error.ts";
import { quoted } from "../i18n/quoted.ts";
import { msg, reason } from "../i18n/message.ts";
import { choices } from "../i18n/choices.ts";
import { parseInput } from "../http/validate.ts";
import type { Database } from "../db/database.ts";
import type { AuditLog } from "../auth/audit-log.ts";
import { dossierToCsv } from "../dossiers/dossier-csv.ts";
import { DOSSIER_PIPELINES, establishmentDossier } from "../dossiers/establishment-dossier.ts";
import { searchEstablishments } from "../dossiers/establishment-search.ts";
import { createLocationDossiers, LOCATION_PIPELINES } from "../dossiers/location-dossier.ts";
import { createNearbyAir } from "../dossiers/nearby-air.ts";

const near = z
  .string()
  .regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, { error: reason("param.nearFormat") })
  .transform((text) => {
    const [lat, lon] = text.split(",").map(Number) as [number, number];
    return { lat, lon };
  })
  .refine((p) => Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180, { error: reason("param.point") });

export const EstablishmentsQuery = z
  .object({
    q: z.string().trim().min(1, { error: reason("param.notEmpty") }).max(200, { error: reason("param.maxChars", { max: 200 }) }).optional(),
    area: areaCode.optional(),
    sbi: z.string().regex(/^\d{1,5}$/, { error: reason("param.sbi") }).optional(),
    category: boundedInt(1, 6).optional(),
    near: near.optional(),
    radius: boundedInt(1, 50_000).optional(),
    sort: z.enum(establishmentSorts, { error: reason("param.oneOf", { choices: choices(establishmentSorts) }) }).optional(),
    page: boundedInt(1, 10_000).default(1),
    pageSize: boundedInt(1, 100).default(25),
  })
  .strict()
  .refine((q) => q.radius === undefined || q.near !== undefined, { error: reason("param.radiusNeedsNear"), path: ["radius"] })
  .refine((q) => q.sort !== "distance" || q.near !== undefined, { error: reason("param.sortNeedsNear"), path: ["sort"] })
  .transform((q) => ({ ...q, sort: q.sort ?? (q.near ? ("distance" as const) : ("name" as const)) }));

export const DossierQuery = z.object({ format: z.enum(["json", "csv"], { error: reason("param.oneOf", { choices: choices(["json", "csv"]) }) }).optional(), ...csvOptions }).strict();
export const LocationQuery = z.object({ lat: latitude, lon: longitude, radius: boundedInt(50, 5_000).default(500) }).strict();
export const AuditQuery = z.object({ limit: boundedInt(1, 500).default(100), offset: boundedInt(0, 10_000_000).default(0) }).strict();

/** Establishment ids look like IN-000123; anything else is as unknown as a missing one. */
const ESTABLISHMENT_ID = /^IN-\d{6}$/;

export function dossierRoutes(route: Route, { db, audit, dataClock }: { db: Database; audit: AuditLog; dataClock: () => Date }): void {
  const nearbyAir = createNearbyAir(db);
  const locationDossier = createLocationDossiers(db, nearbyAir);

  route("GET /api/v1/establishments", async (req, res) => {
    const query = parseInput(EstablishmentsQuery, req.query, "query");
    const options = { signal: requestSignal(req, res) };
    res.json(await fromOneVersion(db, res, () => searchEstablishments(db, query, options), ["establishments", "areas"]));
  });

  route("GET /api/v1/establishments/:id", async (req, res) => {
    const id = String(req.params.id);
    if (!ESTABLISHMENT_ID.test(id)) throw new HttpError(404, msg("unknown.establishment", { id: quoted(id) }));
    const { format, sep, lang } = parseInput(DossierQuery, req.query, "query");
    const asCsv = format === "csv" || (format === undefined && req.accepts(["application/json", "text/csv"]) === "text/csv");
    const options = { signal: requestSignal(req, res) };
    const dossier = await fromOneVersion(db, res, () => establishmentDossier(db, nearbyAir, id, dataClock(), options), DOSSIER_PIPELINES);
    await audit.record(sessionOf(res)!, asCsv ? "export-establishment" : "view-establishment", id);
    if (asCsv) res.type("text/csv; charset=utf-8").attachment(`dossier-${id}.csv`).send(dossierToCsv(dossier, { sep, lang }));
    else res.json(dossier);
  });

  route("GET /api/v1/locations/dossier", async (req, res) => {
    const { lat, lon, radius } = parseInput(LocationQuery, req.query, "query");
    const options = { signal: requestSignal(req, res) };
    const dossier = await fromOneVersion(db, res, () => locationDossier({ lat, lon }, radius, options), LOCATION_PIPELINES);
    await audit.record(sessionOf(res)!, "view-location", `${lat.toFixed(5)},${lon.toFixed(5)}`);
    res.json(dossier);
  });

  route("GET /api/v1/audit", async (req, res) => {
    const query = parseInput(AuditQuery, req.query, "query");
    res.json(await audit.list(query, { signal: requestSignal(req, res) }));
  });
}
