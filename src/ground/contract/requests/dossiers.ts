/** The permit officer's queries: establishment search, dossiers, and the admin's audit log. */
import { z } from "zod";
import { establishmentSorts } from "../contract-dossier.ts";
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
export const LocationQuery = z.object({ lat: latitude, lon: longitude, radius: boundedInt(50, 5_000).default(500) }).strict();
export const AuditQuery = z.object({ limit: boundedInt(1, 500).default(100), offset: boundedInt(0, 10_000_000).default(0) }).strict();
