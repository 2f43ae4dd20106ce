/**
 * Backups while the server runs (it owns the database file): an admin, or `npm run backup` with
 * MM_BACKUP_TOKEN, asks for a snapshot; it is written into MM_BACKUP_DIR only, under a plain name.
 */
import path from "node:path";
import { z } from "zod";
import type { BackupCreated } from "./contract.ts";
import type { Database } from "../db/database.ts";
import { HttpError } from "../http/http-error.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import { msg, reason } from "../i18n/message.ts";
import { BackupError, backupDatabase, backupFileName } from "../operations/backup.ts";
import type { Logger } from "../operations/logger.ts";

export const NewBackup = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][\w.-]{0,100}\.duckdb$/, { error: reason("param.backupName") })
      .optional(),
  })
  .strict();

export interface BackupRouteDeps {
  db: Database;
  dir: string;
  clock: () => Date;
  logger: Logger;
}

export function backupRoutes(route: Route, { db, dir, clock, logger }: BackupRouteDeps): void {
  route("POST /api/v1/backups", async (req, res) => {
    const { name } = parseInput(NewBackup, req.body, "body");
    const createdAt = clock();
    const fileName = name ?? backupFileName(createdAt);
    const { bytes } = await backupDatabase(db, path.join(dir, fileName)).catch((error: unknown) => {
      if (error instanceof BackupError) throw new HttpError(409, msg("backup.exists", { file: `MM_BACKUP_DIR/${fileName}` }));
      throw error;
    });
    logger.info({ file: fileName, bytes }, `backup written: ${path.join(dir, fileName)} (${bytes} bytes)`);
    const body: BackupCreated = { file: fileName, bytes, createdAt: createdAt.toISOString() };
    res.status(201).json(body);
  });
}
