/**
 * The permit officer's API: establishment search, the establishment and location dossiers, and the
 * admin's audit log. Dossiers hold personal data (eenmanszaken), so every view and export is audited
 * (every /api response is `Cache-Control: no-store`, see app.ts).
 */
import { fromOneVersion } from "../http/data-version.ts";
import { requestSignal } from "../http/request-signal.ts";
import { sessionOf, type Route } from "../http/routes.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { msg } from "../../ground/i18n/message.ts";
import { parseInput } from "../http/validate.ts";
import type { Database } from "../../store/database.ts";
import { NotFound } from "../../ground/domain-errors.ts";
import type { AuditLog } from "../../engine/auth/audit-log.ts";
import { dossierToCsv } from "./dossier-csv.ts";
import { AuditQuery, DossierQuery, EstablishmentsQuery, LocationQuery } from "../../ground/contract/requests/dossiers.ts";
import { DOSSIER_PIPELINES, establishmentDossier } from "../../engine/dossiers/establishment-dossier.ts";
import { searchEstablishments } from "../../engine/dossiers/establishment-search.ts";
import { createLocationDossiers, LOCATION_PIPELINES } from "../../engine/dossiers/location-dossier.ts";
import { createNearbyAir } from "../../engine/dossiers/nearby-air.ts";

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
    if (!ESTABLISHMENT_ID.test(id)) throw new NotFound(msg("unknown.establishment", { id: quoted(id) }));
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
