/**
 * `npm run users -- <command>`: accounts for production.
 *   list                                  accounts with role and state
 *   add <username> --role <role>          new account; the password is read from stdin
 *   set-role <username> <role>
 *   disable <username> | enable <username>
 *   set-password <username>               the new password is read from stdin
 * Opens the database itself, so it fails with a clear message while the server holds the file: use
 * the admin API (/api/v1/users) then, which also ends the user's sessions at once.
 */
import { parseArgs } from "node:util";
import { roles } from "../../ground/contract/contract.ts";
import { AccountError, addAccount, listAccounts, updateAccount } from "../../engine/auth/users.ts";
import { msg } from "../../ground/i18n/message.ts";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../../store/database.ts";
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
let db;
try {
  db = await openDatabase(config.MM_DB, { maxConnections: 1 });
} catch (error) {
  console.error(
    `cannot open ${config.MM_DB}: ${error instanceof Error ? error.message : String(error)}\nIs the server running? Stop it, or manage accounts with the admin API (/api/v1/users).`,
  );
  process.exit(1);
}
try {
  if (command === "list")
    console.info(
      formatTable(
        (await listAccounts(db)).map((a) => ({ ...a })),
        ["username", "role", "disabled", "createdAt"],
      ),
    );
  if (command === "add") console.info(`added ${(await addAccount(db, username!, await readPassword(), values.role ?? "", new Date())).username}`);
  if (command === "set-role") await updateAccount(db, username!, { role: argument! });
  if (command === "disable" || command === "enable") await updateAccount(db, username!, { disabled: command === "disable" });
  if (command === "set-password") await updateAccount(db, username!, { password: await readPassword() });
  if (command !== "list" && command !== "add") console.info(`${command}: ${username} done`);
} catch (error) {
  if (!(error instanceof AccountError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  db.close();
}
