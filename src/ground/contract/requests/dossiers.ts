/** The permit officer's queries: establishment search and dossiers (the audit log's is in audit.ts). */
import { z } from "zod";
import { establishmentSorts } from "../contract-dossier.ts";

const dueFilters = ["true", "low", "medium", "high"] as const;
import { choices } from "../../i18n/choices.ts";
import { reason } from "../../i18n/message.ts";
import { areaCode, boundedInt, csvOptions, latitude, longitude } from "../params.ts";

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
    q: z
      .string()
      .trim()
      .min(1, { error: reason("param.notEmpty") })
      .max(200, { error: reason("param.maxChars", { max: 200 }) })
      .optional(),
    area: areaCode.optional(),
    sbi: z
      .string()
      .regex(/^\d{1,5}$/, { error: reason("param.sbi") })
      .optional(),
    category: boundedInt(1, 6).optional(),
    near: near.optional(),
    radius: boundedInt(1, 50_000).optional(),
    sort: z.enum(establishmentSorts, { error: reason("param.oneOf", { choices: choices(establishmentSorts) }) }).optional(),
    // Inspection due at this level or above; "true" is "medium" (docs/inspection-due.md).
    due: z
      .enum(dueFilters, { error: reason("param.oneOf", { choices: choices(dueFilters) }) })
      .transform((level) => (level === "true" ? ("medium" as const) : level))
      .optional(),
    // The search results as CSV (all matches up to a cap), in words, like the dossier's.
    format: z.enum(["json", "csv"], { error: reason("param.oneOf", { choices: choices(["json", "csv"]) }) }).optional(),
    ...csvOptions,
    page: boundedInt(1, 10_000).default(1),
    pageSize: boundedInt(1, 100).default(25),
  })
  .strict()
  .refine((q) => q.radius === undefined || q.near !== undefined, { error: reason("param.radiusNeedsNear"), path: ["radius"] })
  .refine((q) => q.sort !== "distance" || q.near !== undefined, { error: reason("param.sortNeedsNear"), path: ["sort"] })
  .transform((q) => ({ ...q, sort: q.sort ?? (q.near ? ("distance" as const) : ("name" as const)) }));

export const DossierQuery = z
  .object({ format: z.enum(["json", "csv"], { error: reason("param.oneOf", { choices: choices(["json", "csv"]) }) }).optional(), ...csvOptions })
  .strict();
/**
 * A location by a BAG address id or by coordinates, exactly one of the two; `format=csv` downloads it
 * (an export, audited as one).
 */
export const LocationQuery = z
  .object({
    address: z
      .string()
      .max(32, { error: reason("param.maxChars", { max: 32 }) })
      .optional(),
    lat: latitude.optional(),
    lon: longitude.optional(),
    radius: boundedInt(50, 5_000).default(500),
    format: z.enum(["json", "csv"], { error: reason("param.oneOf", { choices: choices(["json", "csv"]) }) }).optional(),
    ...csvOptions,
  })
  .strict()
  .refine((q) => (q.address === undefined) === (q.lat !== undefined && q.lon !== undefined) && (q.lat === undefined) === (q.lon === undefined), {
    error: reason("param.addressOrPoint"),
    path: ["address"],
  });
