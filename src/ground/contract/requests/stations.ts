/** The station routes' path and queries: detail and the measurements export. */
import { z } from "zod";
import { choices } from "../../i18n/choices.ts";
import { reason } from "../../i18n/message.ts";
import { csvOptions } from "../params.ts";

export const StationPath = z.object({ number: z.string().regex(/^[A-Z]{2}\d{5}$/, { error: reason("param.stationNumber") }) });
export const DetailQuery = z
  .object({
    days: z.coerce
      .number({ error: reason("param.days") })
      .int({ error: reason("param.days") })
      .min(1, { error: reason("param.days") })
      .max(90, { error: reason("param.days") })
      .default(14),
  })
  .strict();

const isoDate = (name: string) => z.iso.date({ error: reason("param.date", { name }) });
export const ExportQuery = z
  .object({
    from: isoDate("from"),
    to: isoDate("to"),
    format: z.literal("csv", { error: reason("param.oneOf", { choices: choices(["csv"]) }) }).optional(),
    ...csvOptions,
  })
  .strict()
  .refine((q) => q.from < q.to, { error: reason("param.fromBeforeTo"), path: ["from"] });
