/**
 * The monitor as its own process (`src/app/main.ts --demo`), as it runs in production: so a benchmark
 * can read the server's own memory (VmRSS) and the load generator's work is not counted in it.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../test/support/free-port.ts";

/** A process's resident memory in MiB. */
export const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

export interface ServerProcess {
  url: string;
  pid: number;
  /** Seconds from spawn until /healthz answered. */
  readySeconds: number;
  /** Peak RSS sampled every 250 ms since spawn; `resetPeak` starts a new period. */
  peakRssMiB(): number;
  resetPeak(): void;
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/app/main.ts", "--demo"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    // As npm start and the image run it (see docs/operations.md#memory).
    env: { MALLOC_ARENA_MAX: "2", ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(child.pid!));
    } catch {
      // the process has exited
    }
  }, 250);
  const stop = async () => {
    clearInterval(sampler);
    child.kill("SIGTERM");
    await exited;
  };
  for (;;) {
    if (child.exitCode !== null) {
      clearInterval(sampler);
      throw new Error(`the server exited with code ${child.exitCode} before it served`);
    }
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pid: child.pid!,
    readySeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    peakRssMiB: () => Math.round(peak),
    resetPeak: () => (peak = rssMiB(child.pid!)),
    stop,
  };
}

export async function login(url: string, username: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "demo" }),
  });
  if (!response.ok) throw new Error(`login as ${username}: ${response.status}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get("set-cookie")!.split(";")[0]!, csrfToken };
}
