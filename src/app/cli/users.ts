/**
 * `npm run users -- <command>`: accounts for production.
 *   list                                  accounts with role and state
 *   add <username> --role <role>          new account; the password is read from stdin
 *   set-role <username> <role>
 *   disable <username> | enable <username>
 *   set-password <username>               the new password is read from stdin
 * Works on the state database: PostgreSQL with MM_STATE_URL (while the servers run), else the DuckDB
 * file, which it opens itself, so it fails with a clear message while the server holds the file: use
 * the admin API (/api/v1/users) then. A change of role, state or password ends the user's sessions.
 */
import { parseArgs } from "node:util";
import { roles } from "../../ground/contract/contract.ts";
import { AccountError, addAccount, listAccounts, updateAccount } from "../../engine/auth/users.ts";
import { msg } from "../../ground/i18n/message.ts";
import { loadConfig } from "../config.ts";
import { openDatabase, type Database } from "../../store/database.ts";
import { openState } from "../../store/state/open-state.ts";
import { createSessionStore } from "../../engine/auth/session-store.ts";
import { formatTable } from "../../ground/format-table.ts";

const usage = `usage: npm run users -- <command>
  list
  add <username> --role <${roles.join("|")}>     (password on stdin)
  set-role <username> <role>
  disable <username>
  enable <username>
  set-password <username>                         (password on stdin)`;

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) throw new AccountError(null, msg("account.passwordOnStdin"));
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, "");
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { role: { type: "string" } } });
const [command, username, argument] = positionals;
const needsUser = command !== "list";
if (
  !command ||
  !["list", "add", "set-role", "disable", "enable", "set-password"].includes(command) ||
  (needsUser && !username) ||
  (command === "set-role" && !argument)
) {
  console.error(usage);
  process.exit(2);
}

const config = loadConfig(process.env);
let db: Database | null = null;
let state;
try {
  // With MM_STATE_URL the accounts are not in the DuckDB file: it is left alone (the server holds it).
  if (!config.MM_STATE_URL) db = await openDatabase(config.MM_DB, { maxConnections: 1 });
  state = await openState({ url: config.MM_STATE_URL, db: db! });
} catch (error) {
  if (config.MM_STATE_URL) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  console.error(
    `cannot open ${config.MM_DB}: ${error instanceof Error ? error.message : String(error)}\nIs the server running? Stop it, or manage accounts with the admin API (/api/v1/users).`,
  );
  process.exit(1);
}
try {
  if (command === "list")
    console.info(
      formatTable(
        (await listAccounts(state)).map((a) => ({ ...a })),
        ["username", "role", "disabled", "createdAt"],
      ),
    );
  if (command === "add") console.info(`added ${(await addAccount(state, username!, await readPassword(), values.role ?? "", new Date())).username}`);
  if (command === "set-role") await updateAccount(state, username!, { role: argument! });
  if (command === "disable" || command === "enable") await updateAccount(state, username!, { disabled: command === "disable" });
  if (command === "set-password") await updateAccount(state, username!, { password: await readPassword() });
  if (command !== "list" && command !== "add") {
    // As the admin API does: sessions are in the database now, so the change takes effect at once.
    const sessions = createSessionStore({ state, idleMs: 0, absoluteMs: 0, clock: () => new Date() });
    const ended = await sessions.endSessionsOf(username!);
    console.info(`${command}: ${username} done${ended ? `; ${ended} session(s) ended` : ""}`);
  }
} catch (error) {
  if (!(error instanceof AccountError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await state.close();
  await db?.close();
}
