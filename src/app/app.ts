/**
 * createApp wires the HTTP layer from its dependencies and never listens (src/app/main.ts does), so
 * tests run the real app on an ephemeral port with their own database, clock and upstream.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Express, type RequestHandler } from "express";
import helmet from "helmet";
import { metricsRoutes } from "../web/api/metrics-routes.ts";
import { createMetrics } from "../engine/operations/metrics.ts";
import { areaRoutes } from "../web/api/area-routes.ts";
import { backupRoutes } from "../web/api/backup-routes.ts";
import { openApiCrossOrigin, openapiRoutes } from "../web/api/openapi-routes.ts";
import { apiVersion } from "../web/api/openapi/api-version.ts";
import { readyRoutes } from "../web/api/ready-routes.ts";
import { createReadiness, type Readiness } from "../engine/operations/readiness.ts";
import { healthRoutes } from "../web/api/health-routes.ts";
import { publicRoutes } from "../web/api/public-routes.ts";
import { allowCrossOrigin } from "../web/http/cors.ts";
import { oidcRoutes } from "../web/api/oidc-routes.ts";
import { pipelineRoutes } from "../web/api/pipeline-routes.ts";
import { goLiveRoutes } from "../web/api/go-live-routes.ts";
import type { GoLiveChecks } from "../engine/pipelines/go-live-checks.ts";
import { sessionRoutes } from "../web/api/session-routes.ts";
import { stationRoutes } from "../web/api/station-routes.ts";
import { airRoutes } from "../web/api/air-routes.ts";
import { createAirCompliance } from "../engine/stations/air-compliance.ts";
import { themeRoutes } from "../web/api/theme-routes.ts";
import { createLoginThrottle } from "../engine/auth/login-throttle.ts";
import { createStoredLoginThrottle } from "../engine/auth/stored-login-throttle.ts";
import { embeddedState } from "../store/state/embedded-state.ts";
import type { StateDb } from "../store/state/state-db.ts";
import { createSessionStore } from "../engine/auth/session-store.ts";
import type { Runner } from "../pipelines/framework/run-pipeline.ts";
import { backupDir, type Config } from "./config.ts";
import type { Database } from "../store/database.ts";
import { shedLoad } from "../web/http/load-shedding.ts";
import { notFound, problemHandler } from "../web/http/problem.ts";
import { precompressed, staticFiles } from "../web/http/precompressed.ts";
import { logRequests, requestIdOf } from "../web/http/request-log.ts";
import type { Logger } from "../ground/logger.ts";
import { createRouteRegistrar, loadSession, methodNotAllowed } from "../web/http/routes.ts";
import { readerRoutes } from "../web/http/reader-routes.ts";
import { deniedSubject } from "../web/http/denied-subject.ts";
import { auditRoutes } from "../web/api/audit-routes.ts";
import { createSessionCookie } from "../web/http/session-cookie.ts";
import { createPipelineService, type PipelineService } from "../engine/pipelines/pipeline-service.ts";
import { createStationService } from "../engine/stations/station-service.ts";
import { dossierRoutes } from "../web/api/dossier-routes.ts";
import { addressRoutes } from "../web/api/address-routes.ts";
import { buildingRoutes } from "../web/api/building-routes.ts";
import { userRoutes } from "../web/api/user-routes.ts";
import { createAuditLog } from "../engine/auth/audit-log.ts";
import { createIndicatorService, type IndicatorService, type Municipality } from "../engine/themes/indicator-service.ts";
import { alertRoutes } from "../web/api/alert-routes.ts";
import { annotationRoutes } from "../web/api/annotation-routes.ts";
import { questionRoutes } from "../web/api/question-routes.ts";
import { createAnnotationStore } from "../engine/annotations/annotation-store.ts";
import { createQuestionStore } from "../engine/annotations/question-store.ts";
import type { PolicyPlan } from "../engine/themes/policy-plan.ts";

export interface AppDeps {
  config: Config;
  db: Database;
  /** Sessions, accounts, throttle, audit log and alerts (start-monitor.ts: PostgreSQL with MM_STATE_URL); default: in `db`. */
  state?: StateDb;
  plan: PolicyPlan;
  municipality: Municipality;
  clock: () => Date;
  /** The JSON logger (src/ground/logger.ts); requests get an id and an access-log line. */
  logger: Logger;
  runner: Runner;
  /** "Now" for data freshness (the demo is a snapshot with its own date). */
  dataClock: () => Date;
  /** Turns false at shutdown (GET /readyz); default: ready while the database answers. */
  readiness?: Readiness;
  /** Shared with the alerts (start-monitor.ts); default: the app's own. */
  indicators?: IndicatorService;
  /** Shared with the alerts (start-monitor.ts); default: the app's own. */
  pipelines?: PipelineService;
  /** The go-live check (start-monitor.ts); without it, its routes answer 503. */
  checks?: GoLiveChecks;
  /** Runs first on every request, e.g. to watch the answers (the contract test: test/support/contract-observer.ts). */
  observe?: RequestHandler;
  /** A reader (MM_MODE=reader, src/app/start-reader.ts): the routes that write to DuckDB answer 503. */
  readOnly?: boolean;
}

export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.MM_TRUST_PROXY ? config.MM_TRUST_PROXY.split(",").map((s) => s.trim()) : false);
  app.set("strict routing", true);
  app.set("query parser", "simple");
  if (deps.observe) app.use(deps.observe);
  const pipelines = deps.pipelines ?? createPipelineService(deps.db, deps.runner, deps.clock);
  const metrics = createMetrics(deps.db, pipelines);
  // First, so that every answer, even one refused by a later middleware, has its request id. It also
  // times each request for the metrics, so a request is measured once.
  app.use(logRequests(deps.logger, metrics.observeRequest));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          // Plot writes a <style> element and style attributes into its SVG.
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'none'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
        },
      },
      strictTransportSecurity: config.MM_SECURE_COOKIES,
    }),
  );
  // Other sites load the widget script and read public indicators (MM_WIDGET_ORIGINS).
  app.use(["/api/v1/public", "/widget/mm-indicator.js"], allowCrossOrigin(config.MM_WIDGET_ORIGINS));
  // The API document is read from any site (ADR /core/publish-openapi), preflight included.
  app.use("/api/v1/openapi.json", openApiCrossOrigin);
  app.use("/api", shedLoad(config.MM_MAX_INFLIGHT));
  // The operations endpoints outside /api say their API version too (API-57), their 503s included.
  app.use(["/healthz", "/readyz", "/metrics"], (_req, res, next) => {
    res.set("API-Version", apiVersion);
    next();
  });
  app.use("/api", (_req, res, next) => {
    // Answers differ per role (disclosure control), so no cache may store them or mix them up.
    res.set("cache-control", "no-store");
    res.vary("Cookie");
    // The Dutch API Design Rules (API-57): every answer says which version of the API gave it.
    res.set("API-Version", apiVersion);
    next();
  });
  app.use(express.json({ limit: "16kb" }));

  const state = deps.state ?? embeddedState(deps.db);
  const sessions = createSessionStore({
    state,
    idleMs: config.MM_SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: config.MM_SESSION_MAX_HOURS * 3_600_000,
    clock: deps.clock,
  });
  const sessionCookie = createSessionCookie({ sessions, secure: config.MM_SECURE_COOKIES, maxAgeMs: config.MM_SESSION_MAX_HOURS * 3_600_000 });
  // Skips the public API and the widget (SESSION_FREE_PREFIXES in http/routes.ts, ADR 0010).
  app.use(loadSession(sessions, sessionCookie.name));

  const audit = createAuditLog(state, deps.clock, config.MM_AUDIT_RETENTION_DAYS);
  const allRoutes = createRouteRegistrar(
    app,
    (session, key, req) =>
      audit
        .record(session, "denied", deniedSubject(key, req))
        .catch((error: unknown) => deps.logger.error({ err: error }, `audit log write failed: ${error instanceof Error ? error.message : String(error)}`)),
    { "POST /api/v1/backups": config.MM_BACKUP_TOKEN },
  );
  const route = deps.readOnly ? readerRoutes(allRoutes) : allRoutes;
  sessionRoutes(route, {
    state,
    logger: deps.logger,
    config,
    sessions,
    // Shared by every process with MM_STATE_URL; counted in memory in the single embedded process.
    throttle: state.kind === "postgres" ? createStoredLoginThrottle(state, { clock: deps.clock }) : createLoginThrottle({ clock: deps.clock }),
    cookie: sessionCookie,
    audit,
    clock: deps.clock,
  });
  oidcRoutes(route, { state, logger: deps.logger, clock: deps.clock, config, sessions, cookie: sessionCookie, audit });
  const indicators = deps.indicators ?? createIndicatorService(deps.db, deps.plan, deps.municipality, deps.dataClock);
  const annotations = createAnnotationStore(deps.db, deps.clock);
  themeRoutes(route, { db: deps.db, dataClock: deps.dataClock, config, indicators, annotations });
  publicRoutes(route, { db: deps.db, plan: deps.plan, municipality: deps.municipality, indicators });
  areaRoutes(route, { db: deps.db });
  stationRoutes(route, { stations: createStationService(deps.db), db: deps.db });
  airRoutes(route, { db: deps.db, dataClock: deps.dataClock, compliance: createAirCompliance(deps.db) });
  dossierRoutes(route, { db: deps.db, audit, dataClock: deps.dataClock });
  auditRoutes(route, { audit });
  addressRoutes(route, { db: deps.db });
  buildingRoutes(route, { db: deps.db, dataClock: deps.dataClock });
  pipelineRoutes(route, { pipelines, audit });
  goLiveRoutes(route, { checks: deps.checks ?? null, audit });
  userRoutes(route, { state, sessions, clock: deps.clock, audit });
  healthRoutes(route, { db: deps.db });
  readyRoutes(route, { db: deps.db, readiness: deps.readiness ?? createReadiness(), pipelines });
  metricsRoutes(route, { metrics, config });
  backupRoutes(route, { db: deps.db, dir: backupDir(config), clock: deps.clock, logger: deps.logger, audit });
  openapiRoutes(route);
  alertRoutes(route, { db: state, baseUrl: config.MM_URL });
  annotationRoutes(route, { annotations });
  questionRoutes(route, { db: deps.db, indicators, questions: createQuestionStore(deps.db, deps.clock) });
  // A known path with another method: 405 with Allow (RFC 9110), not the 404 below.
  app.use(methodNotAllowed());
  app.use("/api", notFound);

  if (existsSync(path.join(config.MM_CLIENT_DIR, "index.html"))) {
    // Vite puts a content hash in every file name under assets/; everything else is revalidated.
    const cacheControl = (file: string) => (file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
    app.use(precompressed(config.MM_CLIENT_DIR, cacheControl), staticFiles(config.MM_CLIENT_DIR, cacheControl));
  }
  app.use(notFound);
  app.use(
    problemHandler((error, res) =>
      deps.logger.error({ err: error, requestId: requestIdOf(res) }, `unhandled error: ${error instanceof Error ? error.message : String(error)}`),
    ),
  );
  return app;
}
