/**
 * The response shapes the OpenAPI document names under components/schemas: the same zod schemas the
 * server builds its answers from (contract.ts, contract-dossier.ts), converted once at start-up, so
 * the document cannot drift from what the API sends.
 */
import { z } from "zod";
import * as contract from "../contract.ts";
import * as areas from "../contract-areas.ts";
import * as dossier from "../contract-dossier.ts";
import * as addresses from "../contract-addresses.ts";
import * as why from "../contract-why.ts";
import { PublicIndicator } from "../contract-public.ts";
import { Alert, AlertList } from "../contract-alerts.ts";
import { Annotation, AnnotationList, ProvenanceNote } from "../contract-annotations.ts";
import { Question, QuestionList, QuestionProvenance, QuestionSubject } from "../contract-questions.ts";
import { GoLiveCheck, LatestGoLiveCheck, PipelineCheck, RejectReason } from "../contract-go-live.ts";
import * as air from "../contract-air.ts";
import * as buildings from "../contract-buildings.ts";
import { PublishChanges } from "../contract-publish-changes.ts";

/** RFC 9457 problem+json, as src/web/http/problem.ts writes it for every error. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** For a 400: each parameter that was wrong and how to fix it. */
  invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  /** The request's id (also its X-Request-Id header), to quote to an operator, who finds its log lines by it. */
  requestId: z.string().optional(),
});

/** GET /api/v1/areas: boundaries as GeoJSON (WGS84). */
export const AreaFeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      id: z.string(),
      properties: z.object({ code: z.string(), name: z.string(), level: contract.AreaLevel, parent: z.string().nullable() }),
      geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }),
    }),
  ),
});

/** PATCH /api/v1/users/{username}: the account, and how many of its sessions the change ended. */
export const AccountChanged = dossier.Account.extend({ endedSessions: z.number().int() });

/**
 * Every named response schema. Shapes used inside others (Provenance, Localized, …) are listed too,
 * so the document refers to them by $ref instead of repeating them.
 */
export const componentSchemas = {
  Problem,
  Localized: contract.Localized,
  Role: contract.Role,
  SessionInfo: contract.SessionInfo,
  SessionOptions: contract.SessionOptions,
  Provenance: contract.Provenance,
  Status: contract.Status,
  Target: contract.Target,
  Norm: contract.Norm,
  IndicatorSummary: contract.IndicatorSummary,
  PublicIndicator,
  Alert,
  AlertList,
  ProvenanceNote,
  Annotation,
  AnnotationList,
  QuestionSubject,
  QuestionProvenance,
  Question,
  QuestionList,
  Theme: contract.Theme,
  OffTrackArea: contract.OffTrackArea,
  ThemeList: contract.ThemeList,
  SeriesPoint: contract.SeriesPoint,
  Series: contract.Series,
  AreaValue: areas.AreaValue,
  AreaValues: areas.AreaValues,
  AreaStatus: areas.AreaStatus,
  AreaTarget: areas.AreaTarget,
  RateBasis: areas.RateBasis,
  AreaProfile: areas.AreaProfile,
  AreaFeatureCollection,
  ContributionPart: why.ContributionPart,
  Contributions: why.Contributions,
  PartPoint: why.PartPoint,
  IndicatorParts: why.IndicatorParts,
  Station: contract.Station,
  StationList: contract.StationList,
  StationDetail: contract.StationDetail,
  ExceedanceCount: air.ExceedanceCount,
  StandardVerdict: air.StandardVerdict,
  ComponentCompliance: air.ComponentCompliance,
  StationCompliance: air.StationCompliance,
  AirCompliance: air.AirCompliance,
  Health: contract.Health,
  Readiness: contract.Readiness,
  BackupCreated: contract.BackupCreated,
  RunSummary: contract.RunSummary,
  RunDetail: contract.RunDetail,
  PublishChanges,
  RunList: contract.RunList,
  RunStarted: contract.RunStarted,
  PipelineSummary: contract.PipelineSummary,
  PipelineList: contract.PipelineList,
  RejectReason,
  PipelineCheck,
  GoLiveCheck,
  LatestGoLiveCheck,
  EstablishmentSummary: dossier.EstablishmentSummary,
  EstablishmentSearch: dossier.EstablishmentSearch,
  EstablishmentDossier: dossier.EstablishmentDossier,
  LocationDossier: dossier.LocationDossier,
  Address: addresses.Address,
  AddressSearch: addresses.AddressSearch,
  SensitiveAround: addresses.SensitiveAround,
  BuildingFootprint: buildings.BuildingFootprint,
  BuildingsInView: buildings.BuildingsInView,
  AuditList: dossier.AuditList,
  Account: dossier.Account,
  AccountList: dossier.AccountList,
  AccountChanged,
} satisfies Record<string, z.ZodType>;

export type ComponentName = keyof typeof componentSchemas;

export type JsonSchema = Record<string, unknown>;

/** The JSON Schemas of every component, referring to each other by `#/components/schemas/<name>`. */
export function componentJsonSchemas(): Record<ComponentName, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(componentSchemas)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io: "output", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, asSubschema(schema as JsonSchema)])) as Record<ComponentName, JsonSchema>;
}

/** zod writes each schema as a standalone document; inside OpenAPI it is a plain subschema. */
export function asSubschema(schema: JsonSchema): JsonSchema {
  const copy = { ...schema };
  delete copy.$schema;
  delete copy.$id;
  return copy;
}

export const componentRef = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });

export const securitySchemes = {
  cookieAuth: {
    type: "apiKey",
    in: "cookie",
    name: "mm_session",
    description: "The session cookie set by POST /api/v1/session (named __Host-mm_session behind HTTPS).",
  },
  csrfHeader: {
    type: "apiKey",
    in: "header",
    name: "X-CSRF-Token",
    description: "The csrfToken from GET /api/v1/session; required with the cookie on every state-changing request.",
  },
  bearerAuth: { type: "http", scheme: "bearer", description: "MM_METRICS_TOKEN for GET /metrics, MM_BACKUP_TOKEN for POST /api/v1/backups." },
};
