/**
 * The permit officer's API: establishment search and the establishment and location dossiers.
 * Dossiers hold personal data (eenmanszaken), so every view and export is audited (the admin reads
 * the log through audit-routes.ts; every /api response is `Cache-Control: no-store`, see app.ts).
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
import { DossierQuery, EstablishmentsQuery, LocationQuery } from "../../ground/contract/requests/dossiers.ts";
import { DOSSIER_PIPELINES, establishmentDossier } from "../../engine/dossiers/establishment-dossier.ts";
import { searchEstablishments } from "../../engine/dossiers/establishment-search.ts";
import { createLocationDossiers, LOCATION_PIPELINES } from "../../engine/dossiers/location-dossier.ts";
import { createNearbyAir } from "../../engine/dossiers/nearby-air.ts";
import { createAddressSearch } from "../../engine/dossiers/address-search.ts";
import { ADDRESS_ID } from "../../ground/contract/requests/addresses.ts";
import { locationToCsv } from "./location-csv.ts";
import { establishmentsToCsv, MAX_CSV_ROWS } from "./establishments-csv.ts";
import { DUE_PIPELINES } from "../../engine/dossiers/inspection-due-index.ts";

/** Establishment ids look like IN-000123; anything else is as unknown as a missing one. */
const ESTABLISHMENT_ID = /^IN-\d{6}$/;
/** What a search answers from: the register, the areas, and what the inspection-due signal reads. */
const SEARCH_PIPELINES = ["areas", ...DUE_PIPELINES];

export function dossierRoutes(route: Route, { db, audit, dataClock }: { db: Database; audit: AuditLog; dataClock: () => Date }): void {
  const nearbyAir = createNearbyAir(db);
  const addresses = createAddressSearch(db);
  const locationDossier = createLocationDossiers(db, nearbyAir, addresses);

  route("GET /api/v1/establishments", async (req, res) => {
    const query = parseInput(EstablishmentsQuery, req.query, "query");
    const options = { signal: requestSignal(req, res) };
    const asOf = dataClock().toISOString().slice(0, 10);
    if (query.format !== "csv") {
      res.json(await fromOneVersion(db, res, () => searchEstablishments(db, { ...query, asOf }, options), SEARCH_PIPELINES));
      return;
    }
    // All matches (up to the cap) as CSV: an export of personal data (eenmanszaken), audited with the query.
    const all = { ...query, asOf, page: 1, pageSize: MAX_CSV_ROWS };
    const found = await fromOneVersion(db, res, () => searchEstablishments(db, all, options), SEARCH_PIPELINES);
    const subject = new URLSearchParams(Object.entries(req.query).map(([k, v]) => [k, String(v)])).toString();
    await audit.record(sessionOf(res)!, "export-establishments", subject);
    const csv = establishmentsToCsv(found.items, { query: subject, asOf, total: found.total }, { sep: query.sep, lang: query.lang });
    res.type("text/csv; charset=utf-8").attachment("milieubelastende-activiteiten.csv").send(csv);
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
    const query = parseInput(LocationQuery, req.query, "query");
    const asCsv = query.format === "csv";
    const options = { signal: requestSignal(req, res) };
    const dossier = await fromOneVersion(
      db,
      res,
      async () => {
        // By address: its point, and it titles the dossier; an id that is no BAG id is as unknown as a missing one.
        const address = query.address === undefined ? null : ADDRESS_ID.test(query.address) ? await addresses.byId(query.address, options) : null;
        if (query.address !== undefined && !address) throw new NotFound(msg("unknown.address", { id: quoted(query.address) }));
        return locationDossier(address ?? { lat: query.lat!, lon: query.lon! }, query.radius, options, address);
      },
      LOCATION_PIPELINES,
    );
    const subject = dossier.address ? dossier.address.id : `${dossier.lat.toFixed(5)},${dossier.lon.toFixed(5)}`;
    await audit.record(sessionOf(res)!, asCsv ? "export-location" : "view-location", subject);
    if (asCsv) {
      const name = dossier.address ? `omgeving-${dossier.address.id}` : `omgeving-${dossier.lat.toFixed(5)}_${dossier.lon.toFixed(5)}`;
      res
        .type("text/csv; charset=utf-8")
        .attachment(`${name}.csv`)
        .send(locationToCsv(dossier, { sep: query.sep, lang: query.lang }));
    } else res.json(dossier);
  });
}
