/**
 * The shape of one documented operation, and small constructors for its responses. The operations
 * table (operations.ts) holds one per route key; the builder adds what follows from the access
 * table (roles, security, 401/403) and from the schemas (parameters, 400/404/415).
 */
import type { z } from "zod";
import type { ComponentName, JsonSchema } from "./components.ts";
import { tableMediaTypes } from "./media-types.ts";

export const tags = {
  session: { en: "Logging in and out", nl: "In- en uitloggen" },
  themes: { en: "Themes and indicators", nl: "Thema's en indicatoren" },
  areas: { en: "Areas", nl: "Gebieden" },
  dossiers: { en: "Establishments, dossiers and audit log", nl: "Inrichtingen, dossiers en auditlog" },
  stations: { en: "Monitoring stations", nl: "Meetstations" },
  pipelines: { en: "Pipelines", nl: "Pijplijnen" },
  accounts: { en: "Accounts and backups", nl: "Accounts en back-ups" },
  operations: { en: "Operations and documentation", nl: "Beheer en documentatie" },
} as const;
export type Tag = keyof typeof tags;

/** A named component ($ref), an inline JSON Schema, or null for a body without a schema (binary). */
export type Content = ComponentName | JsonSchema | null;

export interface Reply {
  description: string;
  content?: Record<string, Content>;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

export interface Operation {
  summary: string;
  /** The same in Dutch (`x-summary-nl`). */
  summaryNl: string;
  tag: Tag;
  /** The path parameters, as an object schema; required when the path has a `:param`. */
  path?: z.ZodType;
  query?: z.ZodType;
  /** A JSON request body. */
  body?: z.ZodType;
  /** Success answers and errors particular to this operation; the usual errors are added by the builder. */
  responses: Record<number, Reply>;
  /** Also callable with `Authorization: Bearer <token>` instead of a session. */
  bearer?: true;
}

export const json = (schema: Content, description: string): Reply => ({ description, content: { "application/json": schema } });

/** A table answer in every format of `?format=`: JSON by the named schema, the others as files. */
export const table = (schema: ComponentName, description: string): Reply => ({
  description,
  content: Object.fromEntries(tableMediaTypes.map((type) => [type, type === "application/json" ? schema : type === "text/csv" ? { type: "string" } : null])),
});

export const redirect = (description: string): Reply => ({
  description,
  headers: { Location: { description: "Where the browser goes next", schema: { type: "string" } } },
});

export const problem = (description: string): Reply => ({ description, content: { "application/problem+json": "Problem" } });

/** A 429: the problem, and when to try again. */
export const tooMany = (description: string): Reply => ({
  ...problem(description),
  headers: { "Retry-After": { description: "Seconds to wait before trying again", schema: { type: "integer", minimum: 1 } } },
});
