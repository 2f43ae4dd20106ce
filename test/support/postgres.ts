/**
 * A real PostgreSQL for tests, from Debian's package (CI installs it: .ci/run): a fresh cluster in a
 * temporary folder, on a free loopback port, its unix socket in that folder, trust authentication on
 * loopback only. PostgreSQL refuses to run as root, so when the tests run as root the cluster belongs
 * to the `postgres` system user and every command runs as it (runuser). A missing PostgreSQL fails
 * loudly: these tests must not pass by being skipped.
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port.ts";

const run = promisify(execFile);

export interface Postgres {
  /** postgres://postgres@127.0.0.1:<port>/monitor — a database made for this cluster. */
  readonly url: string;
  readonly port: number;
  /** Another empty database in the same cluster, for a test that needs a clean state. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown, then the folder is removed. */
  stop(): Promise<void>;
}

/** The newest /usr/lib/postgresql/<version>/bin that has initdb, else whatever PATH has. */
function binDir(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(path.join(base, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return path.join(base, versions[0]!, "bin");
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && existsSync(path.join(dir, "initdb"))) return dir;
  throw new Error("PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH): install Debian's postgresql package (.ci/run does)");
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL command, as the postgres user when the tests run as root. */
async function pgCommand(bin: string, command: string, args: string[]): Promise<string> {
  const file = path.join(bin, command);
  try {
    const { stdout } = asRoot ? await run("runuser", ["-u", "postgres", "--", file, ...args]) : await run(file, args);
    return stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${command} failed: ${stderr || stdout || (error as Error).message}`, { cause: error });
  }
}

async function ownerIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPostgres(): Promise<Postgres> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), "mm-postgres-"));
  if (asRoot) {
    const { uid, gid } = await ownerIds();
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    await pgCommand(bin, "initdb", ["-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
    // No fsync: a test cluster is thrown away, and this machine runs several test files at once.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await pgCommand(bin, "pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "120", "start"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const createDatabase = async (name: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } finally {
      await client.end();
    }
    return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  };
  let url: string;
  try {
    url = await createDatabase("monitor");
  } catch (error) {
    await pgCommand(bin, "pg_ctl", ["-D", data, "-m", "immediate", "stop"]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    createDatabase,
    async stop() {
      try {
        await pgCommand(bin, "pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "120", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
