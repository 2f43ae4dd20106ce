/**
 * Backups while the server runs (it owns the database file): an admin, or `npm run backup` with
 * MM_BACKUP_TOKEN, asks for a snapshot; it is written into MM_BACKUP_DIR only, under a plain name.
 */
import path from "node:path";
import type { BackupCreated } from "../../ground/contract/contract.ts";
import type { Database } from "../../store/database.ts";
import { Conflict } from "../../ground/domain-errors.ts";
import type { Route } from "../http/routes.ts";
import { parseInput } from "../http/validate.ts";
import { msg } from "../../ground/i18n/message.ts";
import { BackupError, backupDatabase, backupFileName } from "../../engine/operations/backup.ts";
import type { Logger } from "../../ground/logger.ts";
import { NewBackup } from "../../ground/contract/requests/backups.ts";

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
      if (error instanceof BackupError) throw new Conflict(msg("backup.exists", { file: `MM_BACKUP_DIR/${fileName}` }));
      throw error;
    });
    logger.info({ file: fileName, bytes }, `backup written: ${path.join(dir, fileName)} (${bytes} bytes)`);
    const body: BackupCreated = { file: fileName, bytes, createdAt: createdAt.toISOString() };
    res.status(201).json(body);
  });
}
