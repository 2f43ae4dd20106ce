/**
 * `npm run backup -- [file]`: a consistent copy of the database (default: MM_BACKUP_DIR/milieumonitor-<time>.duckdb).
 * With the server stopped it opens the database itself. While the server runs it holds the file, so
 * the command asks it over HTTP (POST /api/v1/backups with MM_BACKUP_TOKEN, set for both), and the
 * server writes the backup into its MM_BACKUP_DIR.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { backupDir, loadConfig, type Config } from "../config.ts";
import { openDatabase } from "../../store/database.ts";
import { BackupCreated } from "../../ground/contract/contract.ts";
import { backupDatabase, backupFileName } from "../../engine/operations/backup.ts";

class CliError extends Error {}

async function backupOffline(config: Config, file: string): Promise<string> {
  const db = await openDatabase(config.MM_DB, { maxConnections: 1 });
  try {
    const { file: written, bytes } = await backupDatabase(db, file);
    return `${written} (${bytes} bytes)`;
  } finally {
    db.close();
  }
}

async function backupThroughServer(config: Config, file: string, lockMessage: string): Promise<string> {
  const dir = backupDir(config);
  if (!config.MM_BACKUP_TOKEN) {
    throw new CliError(
      `${lockMessage}\nThe server holds the database: set MM_BACKUP_TOKEN (the same value for the server and this command), or back up as an admin with POST /api/v1/backups.`,
    );
  }
  if (path.dirname(file) !== dir)
    throw new CliError(`while the server runs it writes backups into MM_BACKUP_DIR (${dir}) only; give a file name or a path there`);
  const url = `${config.MM_URL ?? `http://${config.HOST}:${config.PORT}`}/api/v1/backups`;
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${config.MM_BACKUP_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name: path.basename(file) }),
  }).catch((error: unknown) => {
    throw new CliError(`${lockMessage}\nand the server does not answer at ${url}: ${error instanceof Error ? error.message : String(error)} (set MM_URL)`);
  });
  if (response.status !== 201) throw new CliError(`the server refused the backup: ${response.status} ${await response.text()}`);
  const created = BackupCreated.parse(await response.json());
  return `${path.join(dir, created.file)} (${created.bytes} bytes, by the server at ${url})`;
}

const config = loadConfig(process.env);
const [argument] = process.argv.slice(2);
// A bare name goes into MM_BACKUP_DIR; a path is relative to where npm was called (INIT_CWD).
const file =
  argument && /[\\/]/.test(argument)
    ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argument)
    : path.join(backupDir(config), argument ?? backupFileName(new Date()));
try {
  if (!existsSync(config.MM_DB)) throw new CliError(`no database at ${config.MM_DB} (MM_DB)`);
  let written: string;
  try {
    written = await backupOffline(config, file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/in use by another process/.test(message)) throw error;
    written = await backupThroughServer(config, file, message);
  }
  console.info(`backup written: ${written}`);
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
