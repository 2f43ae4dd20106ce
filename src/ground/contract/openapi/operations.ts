/**
 * Every route of the access table, documented: a route added there without an entry here is a type
 * error, and test/integration/openapi.test.ts fails on a route the server has but the document lacks.
 * Request schemas are the ones the routes validate with (src/ground/contract/requests/); response schemas are
 * the contract's.
 */
import { z } from "zod";
import type { RouteKey } from "../access.ts";
import { AlertsQuery } from "../contract-alerts.ts";
import { BoundariesQuery, ProfilePath } from "../requests/areas.ts";
import { NewBackup } from "../requests/backups.ts";
import { DossierQuery, EstablishmentsQuery, LocationQuery } from "../requests/dossiers.ts";
import { AuditQuery } from "../requests/audit.ts";
import { AddressesQuery, AddressPath } from "../requests/addresses.ts";
import { RejectsQuery, RunPath, RunsQuery } from "../requests/pipelines.ts";
import { BuildingsQuery } from "../requests/buildings.ts";
import { Credentials, SsoStartQuery } from "../requests/session.ts";
import { DetailQuery, ExportQuery, StationPath } from "../requests/stations.ts";
import { ComplianceQuery } from "../requests/air.ts";
import { AreasQuery, SeriesQuery } from "../requests/themes.ts";
import { ContributionsQuery, PartsQuery } from "../requests/contributions.ts";
import { Change, NewAccount } from "../requests/users.ts";
import { noteOperations } from "./operations-notes.ts";
import { json, problem, redirect, table, tooMany, type Operation } from "./operation.ts";

// Path parameters these routes check in the handler (an unknown id is a 404), not with a schema.
const ThemePath = z.object({ themeId: z.string() });
const IndicatorPath = z.object({ id: z.string() });
const EstablishmentPath = z.object({ id: z.string().regex(/^IN-\d{6}$/) });
const PipelinePath = z.object({ name: z.string() });
const UserPath = z.object({ username: z.string() });

const ssoRedirect = redirect("To the provider, or back to /#/login?sso=<reason> when single sign-on is refused");

export const operations = {
  "POST /api/v1/session": {
    summary: "Log in with username and password; sets the session cookie",
    summaryNl: "Inloggen met gebruikersnaam en wachtwoord; zet de sessiecookie",
    tag: "session",
    body: Credentials,
    responses: {
      200: json("SessionInfo", "Logged in"),
      401: problem("Unknown username or wrong password"),
      409: problem("The account was changed while its password was checked; log in again"),
      429: tooMany("Too many logins for this account or address, or too many passwords being checked at once"),
    },
  },
  "GET /api/v1/session": {
    summary: "The current session: user, role and CSRF token",
    summaryNl: "De huidige sessie: gebruiker, rol en CSRF-token",
    tag: "session",
    responses: { 200: json("SessionInfo", "The session") },
  },
  "DELETE /api/v1/session": { summary: "Log out", summaryNl: "Uitloggen", tag: "session", responses: { 204: { description: "Logged out" } } },
  "GET /api/v1/session/options": {
    summary: "What the login page may offer (single sign-on)",
    summaryNl: "Wat de inlogpagina kan aanbieden (single sign-on)",
    tag: "session",
    responses: { 200: json("SessionOptions", "The options") },
  },
  "GET /api/v1/session/oidc": {
    summary: "Start single sign-on (a browser navigation)",
    summaryNl: "Single sign-on starten (een navigatie van de browser)",
    tag: "session",
    query: SsoStartQuery,
    responses: { 303: ssoRedirect, 400: problem("next is not a page of the app") },
  },
  "GET /api/v1/session/oidc/callback": {
    summary: "Where the identity provider sends the browser back (code and state in the query)",
    summaryNl: "Waar de identiteitsprovider de browser terugstuurt (code en state in de query)",
    tag: "session",
    responses: { 303: redirect("Into the app with a session (to the page named by the start's next, or the home page), or to /#/login?sso=<reason>") },
  },
  "GET /api/v1/themes": {
    summary: "Every theme with its indicators, targets and status",
    summaryNl: "Alle thema's met hun indicatoren, doelen en status",
    tag: "themes",
    responses: { 200: json("ThemeList", "The themes") },
  },
  "GET /api/v1/themes/:themeId": {
    summary: "One theme with its indicators",
    summaryNl: "Eén thema met zijn indicatoren",
    tag: "themes",
    path: ThemePath,
    responses: { 200: json("Theme", "The theme") },
  },
  "GET /api/v1/indicators/:id": {
    summary: "One indicator: value, target, status, provenance",
    summaryNl: "Eén indicator: waarde, doel, status, herkomst",
    tag: "themes",
    path: IndicatorPath,
    responses: { 200: json("IndicatorSummary", "The indicator") },
  },
  "GET /api/v1/indicators/:id/series": {
    summary: "An indicator's series for one area or its breakdown",
    summaryNl: "De reeks van een indicator voor één gebied of per onderdeel",
    tag: "themes",
    path: IndicatorPath,
    query: SeriesQuery,
    responses: { 200: table("Series", "The series; small cells suppressed for the policy role") },
  },
  "GET /api/v1/indicators/:id/areas": {
    summary: "An indicator's values per wijk or buurt, ranked and compared",
    summaryNl: "De waarden van een indicator per wijk of buurt, gerangschikt en vergeleken",
    tag: "themes",
    path: IndicatorPath,
    query: AreasQuery,
    responses: { 200: table("AreaValues", "The values per area; small cells suppressed for the policy role") },
  },
  "GET /api/v1/indicators/:id/contributions": {
    summary: "What the change between two periods consists of (by wijk, sector or source), and the gap still to close to the target",
    summaryNl: "Waaruit de verandering tussen twee perioden bestaat (per wijk, sector of bron), en wat er nog moet tot het doel",
    tag: "themes",
    path: IndicatorPath,
    query: ContributionsQuery,
    responses: {
      200: json("Contributions", "The parts, which add up to the change; suppressed wijken merged into one part for the policy role"),
      400: problem("A breakdown the indicator does not offer, from after to, or a period without a value"),
    },
  },
  "GET /api/v1/indicators/:id/parts": {
    summary: "The parts an indicator's total adds up from, per period (CO2 by sector, renewable energy by source)",
    summaryNl: "De delen waaruit het totaal van een indicator bestaat, per periode (CO2 per sector, hernieuwbare energie per bron)",
    tag: "themes",
    path: IndicatorPath,
    query: PartsQuery,
    responses: {
      200: json("IndicatorParts", "The parts per period, and the breakdowns the indicator offers"),
      400: problem("A breakdown the indicator does not have"),
    },
  },
  "GET /api/v1/areas": {
    summary: "Area boundaries as GeoJSON (WGS84)",
    summaryNl: "Gebiedsgrenzen als GeoJSON (WGS84)",
    tag: "areas",
    query: BoundariesQuery,
    responses: { 200: { description: "The boundaries", content: { "application/geo+json": "AreaFeatureCollection" } } },
  },
  "GET /api/v1/areas/:code/profile": {
    summary: "Every indicator for one wijk or buurt against the city and the target, with status, gap and rank",
    summaryNl: "Alle indicatoren voor één wijk of buurt tegen de stad en het doel, met status, afstand en rang",
    tag: "areas",
    path: ProfilePath,
    responses: { 200: json("AreaProfile", "The area's profile; small cells suppressed for the policy role"), 404: problem("No area with this code") },
  },
  "GET /api/v1/establishments": {
    summary: "Search establishments (environmentally harmful activities); format=csv exports all matches (audited)",
    summaryNl: "Milieubelastende activiteiten zoeken; format=csv exporteert alle resultaten (gelogd)",
    tag: "dossiers",
    query: EstablishmentsQuery,
    responses: {
      200: {
        description: "One page of results, or all matches as CSV",
        content: { "application/json": "EstablishmentSearch", "text/csv": { type: "string" } },
      },
    },
  },
  "GET /api/v1/establishments/:id": {
    summary: "An establishment's dossier (audited)",
    summaryNl: "Het dossier van een inrichting (gelogd)",
    tag: "dossiers",
    path: EstablishmentPath,
    query: DossierQuery,
    responses: { 200: { description: "The dossier", content: { "application/json": "EstablishmentDossier", "text/csv": { type: "string" } } } },
  },
  "GET /api/v1/locations/dossier": {
    summary: "Everything known around a point (audited)",
    summaryNl: "Alles wat bekend is rond een punt (gelogd)",
    tag: "dossiers",
    query: LocationQuery,
    responses: {
      200: {
        description: "The location dossier (CSV with format=csv, audited as an export)",
        content: { "application/json": "LocationDossier", "text/csv": { type: "string" } },
      },
      404: problem("No address with this id"),
    },
  },
  "GET /api/v1/addresses": {
    summary: "Search addresses (BAG) by postcode and number or street and number, with typos and partial input",
    summaryNl: "Adressen zoeken (BAG) op postcode en huisnummer of straat en huisnummer, met typefouten en onvolledige invoer",
    tag: "dossiers",
    query: AddressesQuery,
    responses: { 200: json("AddressSearch", "The best matches first") },
  },
  "GET /api/v1/addresses/:id": {
    summary: "One address (BAG)",
    summaryNl: "Eén adres (BAG)",
    tag: "dossiers",
    path: AddressPath,
    responses: { 200: json("Address", "The address"), 404: problem("No address with this id") },
  },
  "GET /api/v1/buildings": {
    summary: "BAG building footprints in a map view of at most 3 × 3 km (not audited: public data)",
    summaryNl: "BAG-pandcontouren in een kaartbeeld van hoogstens 3 × 3 km (niet gelogd: openbare gegevens)",
    tag: "dossiers",
    query: BuildingsQuery,
    responses: { 200: json("BuildingsInView", "The footprints, at most 5,000, nearest the box's centre first") },
  },
  "GET /api/v1/audit": {
    summary: "The audit log, newest first, filtered by user, action, subject, period and free text; format=csv exports every match (audited)",
    summaryNl:
      "De auditlog, nieuwste eerst, gefilterd op gebruiker, handeling, onderwerp, periode en vrije tekst; format=csv exporteert alles wat past (gelogd)",
    tag: "dossiers",
    query: AuditQuery,
    responses: {
      200: {
        description: "One page of entries with the total that match, or all matches (up to 10,000) as CSV",
        content: { "application/json": "AuditList", "text/csv": { type: "string" } },
      },
    },
  },
  "GET /api/v1/users": { summary: "Every account", summaryNl: "Alle accounts", tag: "accounts", responses: { 200: json("AccountList", "The accounts") } },
  "POST /api/v1/users": {
    summary: "Add an account",
    summaryNl: "Een account toevoegen",
    tag: "accounts",
    body: NewAccount,
    responses: { 201: json("Account", "The account"), 429: tooMany("Too many passwords being hashed at once") },
  },
  "PATCH /api/v1/users/:username": {
    summary: "Change an account's role, password or disabled state; ends its sessions",
    summaryNl: "Rol, wachtwoord of blokkering van een account wijzigen; beëindigt zijn sessies",
    tag: "accounts",
    path: UserPath,
    body: Change,
    responses: { 200: json("AccountChanged", "The changed account"), 429: tooMany("Too many passwords being hashed at once") },
  },
  "GET /api/v1/stations": {
    summary: "The air-quality monitoring stations",
    summaryNl: "De meetstations voor luchtkwaliteit",
    tag: "stations",
    responses: { 200: json("StationList", "The stations") },
  },
  "GET /api/v1/stations/:number": {
    summary: "A station's recent hourly values and exceedances",
    summaryNl: "Recente uurwaarden en overschrijdingen van een meetstation",
    tag: "stations",
    path: StationPath,
    query: DetailQuery,
    responses: { 200: json("StationDetail", "The station") },
  },
  "GET /api/v1/stations/:number/measurements": {
    summary: "A station's hourly measurements as CSV",
    summaryNl: "De uurmetingen van een meetstation als CSV",
    tag: "stations",
    path: StationPath,
    query: ExportQuery,
    responses: { 200: { description: "The measurements", content: { "text/csv": { type: "string" } } } },
  },
  "GET /api/v1/air-quality/compliance": {
    summary: "Per station and pollutant, one year against the EU limit values (now and 2030) and the WHO guideline, judged only with enough data",
    summaryNl: "Per meetstation en stof één jaar tegen de EU-grenswaarden (nu en 2030) en de WHO-advieswaarde, alleen beoordeeld bij voldoende metingen",
    tag: "stations",
    query: ComplianceQuery,
    responses: { 200: json("AirCompliance", "The stations, those failing a 2030 limit value first") },
  },
  "GET /api/v1/pipelines": {
    summary: "Every pipeline with its last run and freshness",
    summaryNl: "Alle pijplijnen met hun laatste run en actualiteit",
    tag: "pipelines",
    responses: { 200: json("PipelineList", "The pipelines") },
  },
  "GET /api/v1/pipelines/:name/runs": {
    summary: "A pipeline's runs, newest first",
    summaryNl: "De runs van een pijplijn, nieuwste eerst",
    tag: "pipelines",
    path: PipelinePath,
    query: RunsQuery,
    responses: { 200: json("RunList", "The runs") },
  },
  "POST /api/v1/pipelines/:name/runs": {
    summary: "Start a run of a pipeline",
    summaryNl: "Een run van een pijplijn starten",
    tag: "pipelines",
    path: PipelinePath,
    responses: { 202: json("RunStarted", "Started; Location names the run"), 409: problem("The pipeline is running already") },
  },
  "GET /api/v1/pipelines/:name/runs/:runId": {
    summary: "One run with its checks, rejected rows and what its publish changed (changes)",
    summaryNl: "Eén run met zijn controles, afgekeurde rijen en wat zijn publicatie veranderde (changes)",
    tag: "pipelines",
    path: RunPath,
    responses: { 200: json("RunDetail", "The run") },
  },
  "GET /api/v1/pipelines/:name/runs/:runId/rejects": {
    summary: "A run's stored rejected rows as CSV: line, column, reason (in lang), raw value, origin (audited)",
    summaryNl: "De bewaarde afgekeurde rijen van een run als CSV: regel, kolom, reden (in lang), ruwe waarde, herkomst (gelogd)",
    tag: "pipelines",
    path: RunPath,
    query: RejectsQuery,
    responses: { 200: { description: "The rejected rows", content: { "text/csv": { type: "string" } } } },
  },
  "POST /api/v1/pipelines/checks": {
    summary:
      "Start a go-live check: every pipeline's extract and validation into a scratch database, publishing nothing; while one runs, the answer is that one",
    summaryNl:
      "Een bronnencontrole starten: extractie en validatie van elke pijplijn in een wegwerpdatabase, zonder iets te publiceren; loopt er al een, dan is het antwoord die",
    tag: "pipelines",
    responses: {
      202: {
        ...json("GoLiveCheck", "Started (or already running); Location is where to poll until its status is done"),
        headers: { Location: { description: "/api/v1/pipelines/checks/latest", schema: { type: "string" } } },
      },
      503: problem("The monitor is shutting down, or this is a read-only reader (MM_MODE=reader): send it to the writer"),
    },
  },
  "GET /api/v1/pipelines/checks/latest": {
    summary: "The latest go-live check: its progress while it runs, and per pipeline the source, rows, rejects by reason, checks and period",
    summaryNl: "De laatste bronnencontrole: de voortgang zolang hij loopt, en per pijplijn de bron, rijen, afkeuringen per reden, controles en periode",
    tag: "pipelines",
    responses: { 200: json("LatestGoLiveCheck", "The check; null before the first since the server started") },
  },
  "GET /api/v1/alerts": {
    summary: "Open alerts, and with state=all the recently resolved ones, of the kinds the role may see",
    summaryNl: "Open meldingen, en met state=all de recent opgeloste, van de soorten die de rol mag zien",
    tag: "operations",
    query: AlertsQuery,
    responses: { 200: json("AlertList", "The alerts") },
  },
  ...noteOperations,
  "POST /api/v1/backups": {
    summary: "Write a backup of the database into MM_BACKUP_DIR",
    summaryNl: "Een back-up van de database schrijven in MM_BACKUP_DIR",
    tag: "accounts",
    body: NewBackup,
    bearer: true,
    responses: { 201: json("BackupCreated", "The backup"), 409: problem("A file of that name exists, or the backup failed") },
  },
  "GET /healthz": {
    summary: "Liveness",
    summaryNl: "Leeft de server",
    tag: "operations",
    responses: { 200: json("Health", "Alive (ok or degraded)"), 503: problem("The database does not answer; detail says so") },
  },
  "GET /readyz": {
    summary: "Readiness",
    summaryNl: "Gereed voor verkeer",
    tag: "operations",
    responses: {
      200: json("Readiness", "Ready"),
      503: problem("Not ready: shutting down, the database is not open, or a pipeline's data is stale beyond its error threshold; detail gives the reason"),
    },
  },
  "GET /metrics": {
    summary: "Prometheus metrics (from MM_METRICS_ALLOW addresses, or with the token)",
    summaryNl: "Prometheus-metrieken (vanaf adressen in MM_METRICS_ALLOW, of met het token)",
    tag: "operations",
    bearer: true,
    responses: {
      200: { description: "Prometheus text format", content: { "text/plain": { type: "string" } } },
      403: problem("Not an allowed address and no valid token"),
    },
  },
  "GET /api/v1/public/indicators/:id": {
    summary: "A public indicator for the <mm-indicator> widget: municipal aggregates, no login, CORS (MM_WIDGET_ORIGINS)",
    summaryNl: "Een openbare indicator voor de <mm-indicator>-widget: gemeentelijke totalen, zonder inloggen, CORS (MM_WIDGET_ORIGINS)",
    tag: "themes",
    path: IndicatorPath,
    responses: { 200: json("PublicIndicator", "The indicator"), 404: problem("Unknown, or not marked public in the policy plan (the same answer for both)") },
  },
  "GET /api/v1/openapi.json": {
    summary: "This document (OpenAPI 3.1)",
    summaryNl: "Dit document (OpenAPI 3.1)",
    tag: "operations",
    responses: {
      200: json({ type: "object" }, "The OpenAPI document"),
      304: {
        description: "Not modified: If-None-Match names the current ETag",
        headers: { ETag: { description: "The document's strong ETag", schema: { type: "string" } } },
      },
    },
  },
} satisfies Record<RouteKey, Operation>;
