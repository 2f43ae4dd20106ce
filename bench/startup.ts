/**
 * From a fresh checkout to the first answer: a clean clone of HEAD, then `npm start` with its own
 * port and database, timed until a logged-in policy officer gets 200 from GET /api/v1/themes. A clean
 * clone has no dist/client and no data/demo/out, so this includes the client build, the demo
 * generation and the first pipeline runs — as a new user would see it after `npm install`.
 *
 * The install itself is not measured and needs no network: the clone gets a symlink to this
 * repository's node_modules ("after install"). Phases come from the server's log lines, timed on
 * arrival here from the moment `npm start` was spawned; `serverReadyInS` is the server's own
 * "ready in X s" (counted from when src/app/main.ts began, so without npm's and tsx's start-up).
 */
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { freePort } from "../test/support/free-port.ts";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

const TARGET_SECONDS = 60;
const GIVE_UP_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function status(url: string, init?: RequestInit): Promise<Response | null> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  } catch {
    return null; // not listening yet
  }
}

/** Whether any process of the group `pgid` is still there. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM to the process group of `npm start` (npm, sh, tsx, node: all started here), then waits
 * until the whole group has gone, so the database is closed before the directory is deleted.
 */
async function stopGroup(pgid: number, exited: Promise<unknown>): Promise<void> {
  if (groupAlive(pgid)) process.kill(-pgid, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 40_000)))]);
  clearTimeout(timer); // a pending 40 s timer would keep the benchmark's process alive
  const deadline = performance.now() + 40_000;
  while (groupAlive(pgid) && performance.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) {
    process.kill(-pgid, "SIGKILL");
    while (groupAlive(pgid)) await sleep(100);
  }
}

export async function benchStartup() {
  const repoRoot = path.resolve(import.meta.dirname, "..");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-startup-"));
  const clone = path.join(tmp, "clone");
  try {
    execFileSync("git", ["clone", "--quiet", repoRoot, clone], { stdio: "inherit" });
    // "After install", without a network install: the clone uses this repository's node_modules.
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(clone, "node_modules"), "dir");
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // Only the defaults of a fresh checkout: no MM_* setting of this shell leaks into the clone's server.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("MM_")));
    Object.assign(env, { PORT: String(port), HOST: "127.0.0.1", MM_DB: path.join(tmp, "startup.duckdb") });

    const started = performance.now();
    const elapsedS = () => Number(((performance.now() - started) / 1000).toFixed(2));
    // Its own process group (detached), so npm, sh, tsx and node are stopped together and nothing else.
    const child = spawn("npm", ["start"], { cwd: clone, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let exitCode: number | null | undefined;
    void exited.then((code) => (exitCode = code));
    const lines: Array<{ atS: number; line: string }> = [];
    let result: { bench: string; seconds: number; targetSeconds: number; phases: Record<string, number | null> };
    let shutdownS: number;
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on("line", (line) => lines.push({ atS: elapsedS(), line }));

    try {
      const wait = async (what: string, attempt: () => Promise<boolean>) => {
        while (!(await attempt())) {
          if (exitCode !== undefined) throw new Error(`npm start exited (${exitCode}) before ${what}:\n${lines.map((l) => l.line).join("\n")}`);
          if (performance.now() - started > GIVE_UP_MS) throw new Error(`no ${what} within ${GIVE_UP_MS / 1000} s`);
          await sleep(100);
        }
        return elapsedS();
      };
      const healthzS = await wait("/healthz", async () => (await status(`${base}/healthz`))?.status === 200);
      let cookie = "";
      await wait("login", async () => {
        const login = await status(`${base}/api/v1/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: "policy", password: "demo" }),
        });
        cookie = login?.ok ? (login.headers.get("set-cookie")?.split(";")[0] ?? "") : "";
        return cookie !== "";
      });
      const themesS = await wait("GET /api/v1/themes 200", async () => (await status(`${base}/api/v1/themes`, { headers: { cookie } }))?.status === 200);

      // Phases from the log: each marker's line until the next line of the server's log.
      const at = (pattern: RegExp) => lines.findIndex(({ line }) => pattern.test(line));
      const span = (pattern: RegExp) => {
        const i = at(pattern);
        return i < 0 ? null : Number(((lines[i + 1]?.atS ?? themesS) - lines[i]!.atS).toFixed(2));
      };
      const ready = lines.find(({ line }) => /\(ready in [\d.]+ s\)/.test(line));
      const firstLog = lines.find(({ line }) => /^\{"level":/.test(line));
      result = {
        bench: "startup",
        seconds: themesS,
        targetSeconds: TARGET_SECONDS,
        phases: {
          firstServerLogS: firstLog?.atS ?? null,
          clientBuildS: span(/building the client/),
          demoGenerationS: span(/generating demo data/),
          // From the sources line (database open, demo upstream up) to the "serving … ready" line: the first pipeline runs.
          startupRunsS: at(/sources: /) >= 0 && ready ? Number((ready.atS - lines[at(/sources: /)]!.atS).toFixed(2)) : null,
          readyLineS: ready?.atS ?? null,
          serverReadyInS: ready ? Number(/\(ready in ([\d.]+) s\)/.exec(ready.line)![1]) : null,
          healthzS,
          themesS,
        },
      };
    } finally {
      const stopping = performance.now();
      await stopGroup(child.pid!, exited);
      shutdownS = Number(((performance.now() - stopping) / 1000).toFixed(2));
    }
    // How long SIGTERM took to end the group (drain, then runs ended and the database checkpointed): not part of `seconds`.
    return { ...result, phases: { ...result.phases, shutdownS } };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
