/** The queries of an indicator's series and of its values per area. */
import { z } from "zod";
import { areaLevels } from "../contract.ts";
import { choices } from "../../i18n/choices.ts";
import { reason } from "../../i18n/message.ts";
import { areaCode, csvOptions, format, year } from "../params.ts";

export const SeriesQuery = z
  .object({
    area: areaCode.optional(),
    by: z
      .enum(["area", "breakdown", "station"], { error: reason("param.by") })
      .default("area")
      // "station" was the name while air quality was the only theme; kept so old links keep working.
      .transform((by) => (by === "station" ? "breakdown" : by)),
    from: year.optional(),
    to: year.optional(),
    format,
    ...csvOptions,
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { error: reason("param.fromNotAfterTo"), path: ["from"] })
  .refine((q) => q.by === "area" || q.area === undefined, { error: reason("param.areaNeedsByArea"), path: ["area"] });

export const AreasQuery = z
  .object({
    level: z.enum(areaLevels, { error: reason("param.oneOf", { choices: choices(areaLevels) }) }).optional(),
    period: year.optional(),
    format,
    ...csvOptions,
  })
  .strict();
