/**
 * Every route of the access table with the types a caller needs: path parameters, query, body and
 * answer. Requests come from the schemas the routes validate with (as the OpenAPI operations table
 * lists them); answers from `routeAnswers` below, which test/unit/api/contract-routes.test.ts holds
 * to the OpenAPI document. The client's typed API (client/src/api-client.ts) imports these as types
 * only, so nothing of the server ends up in its bundle.
 *
 * @example
 * type Query = RouteQuery<"GET /api/v1/indicators/:id/series">; // { area?: string; from?: number; … }
 * type Answer = RouteAnswer<"GET /api/v1/indicators/:id/series">; // Series
 */
import type { z } from "zod";
import type { RouteKey } from "./access.ts";
import type { ComponentName, componentSchemas } from "./openapi/components.ts";
import type { operations } from "./openapi/operations.ts";

/**
 * How a route answers on success, when not with a JSON body of a named component:
 * - `"no content"`: 204, no body;
 * - `"redirect"`: 303, for a browser navigation, never a fetch;
 * - `"text"`: a file or text format (CSV, Prometheus), for a download;
 * - `"object"`: a JSON object without a schema of its own (the OpenAPI document).
 */
export type AnswerKind = ComponentName | "no content" | "redirect" | "text" | "object";

/** The success answer of every route. A route added to the access table and missing here is a type error. */
export const routeAnswers = {
  "POST /api/v1/session": "SessionInfo",
  "GET /api/v1/session": "SessionInfo",
  "DELETE /api/v1/session": "no content",
  "GET /api/v1/session/options": "SessionOptions",
  "GET /api/v1/session/oidc": "redirect",
  "GET /api/v1/session/oidc/callback": "redirect",
  "GET /api/v1/themes": "ThemeList",
  "GET /api/v1/themes/:themeId": "Theme",
  "GET /api/v1/indicators/:id": "IndicatorSummary",
  // JSON unless `format` asks for a file: the typed JSON call leaves `format` out, download links set it.
  "GET /api/v1/indicators/:id/series": "Series",
  "GET /api/v1/indicators/:id/areas": "AreaValues",
  "GET /api/v1/indicators/:id/contributions": "Contributions",
  "GET /api/v1/indicators/:id/parts": "IndicatorParts",
  "GET /api/v1/areas": "AreaFeatureCollection",
  "GET /api/v1/areas/:code/profile": "AreaProfile",
  "GET /api/v1/establishments": "EstablishmentSearch",
  "GET /api/v1/establishments/:id": "EstablishmentDossier",
  "GET /api/v1/locations/dossier": "LocationDossier",
  "GET /api/v1/addresses": "AddressSearch",
  "GET /api/v1/addresses/:id": "Address",
  "GET /api/v1/buildings": "BuildingsInView",
  "GET /api/v1/audit": "AuditList",
  "GET /api/v1/users": "AccountList",
  "POST /api/v1/users": "Account",
  "PATCH /api/v1/users/:username": "AccountChanged",
  "GET /api/v1/stations": "StationList",
  "GET /api/v1/stations/:number": "StationDetail",
  "GET /api/v1/stations/:number/measurements": "text",
  "GET /api/v1/air-quality/compliance": "AirCompliance",
  "GET /api/v1/pipelines": "PipelineList",
  "GET /api/v1/pipelines/:name/runs": "RunList",
  "POST /api/v1/pipelines/:name/runs": "RunStarted",
  "GET /api/v1/pipelines/:name/runs/:runId": "RunDetail",
  "GET /api/v1/pipelines/:name/runs/:runId/rejects": "text",
  "POST /api/v1/pipelines/checks": "GoLiveCheck",
  "GET /api/v1/pipelines/checks/latest": "LatestGoLiveCheck",
  "GET /api/v1/alerts": "AlertList",
  "GET /api/v1/annotations": "AnnotationList",
  "POST /api/v1/annotations": "Annotation",
  "DELETE /api/v1/annotations/:id": "no content",
  "POST /api/v1/questions": "Question",
  "GET /api/v1/questions/mine": "QuestionList",
  "GET /api/v1/questions": "QuestionList",
  "POST /api/v1/questions/:id/answer": "Question",
  "POST /api/v1/backups": "BackupCreated",
  "GET /healthz": "Health",
  "GET /readyz": "Readiness",
  "GET /metrics": "text",
  "GET /api/v1/public/indicators/:id": "PublicIndicator",
  "GET /api/v1/openapi.json": "object",
} as const satisfies Record<RouteKey, AnswerKind>;

type AnswerOf<A extends AnswerKind> = A extends ComponentName
  ? z.output<(typeof componentSchemas)[A]>
  : A extends "object"
    ? Record<string, unknown>
    : A extends "text"
      ? string
      : undefined;

/** What a route answers on success (a redirect answers nothing a caller reads). */
export type RouteAnswer<K extends RouteKey> = AnswerOf<(typeof routeAnswers)[K]>;

/** The routes whose answer is JSON (or none): the ones to fetch rather than navigate to. */
export type JsonRouteKey = { [K in RouteKey]: (typeof routeAnswers)[K] extends "redirect" | "text" ? never : K }[RouteKey];

/**
 * Parameters as a caller sends them: the keys and optionality of the schema's input, and for a
 * coerced value (`z.coerce.number()` takes `unknown`) the type it becomes, so a year is a number.
 */
type SentAs<In, Out> = { [K in keyof In]: unknown extends In[K] ? (K extends keyof Out ? Out[K] : never) : In[K] };
type Params<S> = S extends z.ZodType ? SentAs<z.input<S>, z.output<S>> : never;

type Operations = typeof operations;
type SchemaOf<K extends RouteKey, Part extends "path" | "query" | "body"> = Operations[K] extends { readonly [P in Part]: infer S } ? S : never;

/** A route's path parameters (`never` when its path has none). */
export type RoutePath<K extends RouteKey> = Params<SchemaOf<K, "path">>;

/** A route's query parameters (`never` when it takes none). */
export type RouteQuery<K extends RouteKey> = Params<SchemaOf<K, "query">>;

/** A route's JSON request body (`never` when it takes none). */
export type RouteBody<K extends RouteKey> = SchemaOf<K, "body"> extends infer S extends z.ZodType ? z.input<S> : never;

/** The `:name` parameters of a route key's path, e.g. `"name" | "runId"`. */
export type PathParamName<K extends string> = K extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamName<`/${Rest}`>
  : K extends `${string}:${infer Name}`
    ? Name
    : never;
