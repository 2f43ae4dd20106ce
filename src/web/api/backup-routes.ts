/**
 * Backups while the server runs (it owns the database file): an admin, or `npm run backup` with
 * MM_BACKUP_TOKEN, asks for a snapshot; it is written into MM_BACKUP_DIR only, under a plain name,
 * and the audit log records who asked (the token as "backup-token").
 */
import path from "node:path";
import type { BackupCreated } from "../../ground/contract/contract.ts";
import type { Database } from "../../store/database.ts";
import { Conflict } from "../../ground/domain-errors.ts";
import { sessionOf, viaBearer, type Route } from "../http/routes.ts";
import type { AuditLog } from "../../engine/auth/audit-log.ts";
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
  audit: AuditLog;
}

/** Who the audit log names for a backup asked with MM_BACKUP_TOKEN: a machine, with no role. */
export const BACKUP_TOKEN_USER = { username: "backup-token", role: "" } as const;

export function backupRoutes(route: Route, { db, dir, clock, logger, audit }: BackupRouteDeps): void {
  route("POST /api/v1/backups", async (req, res) => {
    const { name } = parseInput(NewBackup, req.body, "body");
    const createdAt = clock();
    const fileName = name ?? backupFileName(createdAt);
    const { bytes } = await backupDatabase(db, path.join(dir, fileName)).catch((error: unknown) => {
      if (error instanceof BackupError) throw new Conflict(msg("backup.exists", { file: `MM_BACKUP_DIR/${fileName}` }));
      throw error;
    });
    logger.info({ file: fileName, bytes }, `backup written: ${path.join(dir, fileName)} (${bytes} bytes)`);
    await audit.record(viaBearer(res) ? BACKUP_TOKEN_USER : sessionOf(res)!, "backup", fileName);
    const body: BackupCreated = { file: fileName, bytes, createdAt: createdAt.toISOString() };
    res.status(201).json(body);
  });
}
