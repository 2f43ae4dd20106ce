/** The queries of an indicator's contributions to a change and of its parts over time. */
import { z } from "zod";
import { reason } from "../../i18n/message.ts";
import { contributionBys, partBys } from "../contract-why.ts";
import { year } from "../params.ts";

export const ContributionsQuery = z
  .object({
    by: z.enum(contributionBys, { error: reason("contributions.by") }),
    from: year.optional(),
    to: year.optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { error: reason("param.fromNotAfterTo"), path: ["from"] });

export const PartsQuery = z
  .object({
    by: z.enum(partBys, { error: reason("contributions.partsBy") }).optional(),
  })
  .strict();
