/** The pipeline routes' query and path: run history and one run. */
import { z } from "zod";
import { reason } from "../../i18n/message.ts";
import { boundedInt } from "../params.ts";

export const RunsQuery = z.object({ limit: boundedInt(1, 500).default(50) }).strict();
export const RunPath = z.object({
  name: z.string(),
  runId: z.coerce
    .number({ error: reason("param.runId") })
    .int({ error: reason("param.runId") })
    .positive({ error: reason("param.runId") }),
});
