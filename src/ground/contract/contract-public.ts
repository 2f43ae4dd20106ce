/**
 * What anyone may read without logging in, e.g. the <mm-indicator> widget on another site: one
 * indicator the policy plan marks public, for the municipality as a whole, under the same disclosure
 * control as the most restricted role. No breakdown by area or station, no run ids.
 */
import { z } from "zod";
import { Localized, StatusCode, qualityTiers } from "./contract.ts";

export const PublicIndicator = z
  .object({
    id: z.string(),
    name: Localized,
    unit: z.string(),
    direction: z.enum(["lower", "higher"]),
    municipality: z.object({ code: z.string(), name: z.string() }).strict(),
    /** The latest period with a (not suppressed) value. */
    latest: z.object({ period: z.string(), value: z.number() }).strict().nullable(),
    /** The municipality's values of the latest (at most 10) periods; a suppressed value is null. */
    recent: z.array(z.object({ period: z.string(), value: z.number().nullable(), suppressed: z.boolean() }).strict()),
    target: z.object({ value: z.number(), deadline: z.number(), label: Localized }).strict().nullable(),
    status: z.object({ code: StatusCode, reason: Localized }).strict(),
    source: z.string(),
    licence: z.string(),
    qualityTier: z.enum(qualityTiers),
    /** The data version the answer was built from (also the `X-Data-Version` header). */
    dataVersion: z.string(),
  })
  .strict();
export type PublicIndicator = z.infer<typeof PublicIndicator>;
