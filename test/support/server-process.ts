/**
 * The real server as a child process (`node --import tsx src/app/main.ts --demo`) on a free port, for
 * tests of what only a whole process shows: signals, exit codes, the files left behind.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "./free-port.ts";

const root = path.resolve(import.meta.dirname, "../..");

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the server and resolves once GET /readyz answers 200 (the first start ingests the demo first). */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/app/main.ts", "--demo"], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), ...env },
  });
  let output = "";
  child.stdout.on("data", (data) => (output += data));
  child.stderr.on("data", (data) => (output += data));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline && child.exitCode === null) {
    const ready = await fetch(`${url}/readyz`).then(
      async (r) => {
        last = `${r.status} ${await r.text()}`;
        return r.status === 200;
      },
      () => false,
    );
    if (ready) return { url, child, output: () => output, exited };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not become ready within ${timeoutMs} ms (GET /readyz: ${last}):\n${output}`);
}
