/**
 * `npm run restore -- <file>`: replaces the database (MM_DB) with a backup while the server is
 * stopped. Refuses while any process holds the database; keeps the replaced file as
 * `<MM_DB>.before-restore-<time>`.
 */
import path from "node:path";
import { loadConfig } from "../config.ts";
import { restoreDatabase } from "../../engine/operations/backup.ts";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: npm run restore -- <backup file>   (stop the server first)");
  process.exit(2);
}
const config = loadConfig(process.env);
try {
  // npm runs scripts in the package folder; a relative path means where npm was called.
  const { replaced, sessions } = await restoreDatabase(path.resolve(process.env.INIT_CWD ?? process.cwd(), file), config.MM_DB, new Date());
  console.info(`restored ${config.MM_DB} from ${file}${replaced ? `; the replaced database is kept as ${replaced}` : ""}`);
  // With MM_STATE_URL the sessions are in PostgreSQL, which a restore of the data file does not touch.
  if (!config.MM_STATE_URL) console.info(`${sessions} session(s) still valid`);
} catch (error) {
  console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
