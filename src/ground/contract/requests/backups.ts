/** The body of POST /api/v1/backups: an optional plain file name. */
import { z } from "zod";
import { reason } from "../../i18n/message.ts";

export const NewBackup = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][\w.-]{0,100}\.duckdb$/, { error: reason("param.backupName") })
      .optional(),
  })
  .strict();
