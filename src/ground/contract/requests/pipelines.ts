/** The pipeline routes' query and path: run history and one run. */
import { z } from "zod";
import { reason } from "../../i18n/message.ts";
import { boundedInt, csvOptions } from "../params.ts";
import { choices } from "../../i18n/choices.ts";

export const RunsQuery = z.object({ limit: boundedInt(1, 500).default(50) }).strict();
export const RunPath = z.object({
  name: z.string(),
  runId: z.coerce
    .number({ error: reason("param.runId") })
    .int({ error: reason("param.runId") })
    .positive({ error: reason("param.runId") }),
});
/** A run's rejected rows as CSV (the only format): `sep=semicolon` for Excel with Dutch settings, `lang` for the header and reasons. */
export const RejectsQuery = z
  .object({ format: z.literal("csv", { error: reason("param.oneOf", { choices: choices(["csv"]) }) }).optional(), ...csvOptions })
  .strict();
