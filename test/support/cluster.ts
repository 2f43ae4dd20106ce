/**
 * The compose `scale` profile on this machine's loopback, for the scale-out tests and bench: a real
 * PostgreSQL (test/support/postgres.ts), one writer and two readers as child processes
 * (`node --import tsx src/app/main.ts --demo`, each on its own port, sharing MM_STATE_URL and
 * MM_SNAPSHOT_DIR), and Debian's HAProxy with deploy/haproxy.cfg as it is, its addresses given in the
 * environment. HAProxy runs as `nobody` when the tests run as root, in a temporary folder; a second
 * configuration file adds only an admin socket, from which the harness reads which servers HAProxy
 * counts as up. Missing HAProxy or PostgreSQL fails loudly: CI installs both (.ci/run).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "./free-port.ts";
import { startPostgres } from "./postgres.ts";

const root = path.resolve(import.meta.dirname, "../..");
export const HAPROXY = "/usr/sbin/haproxy";
export const HAPROXY_CONFIG = path.join(root, "deploy", "haproxy.cfg");

export type MemberName = "writer" | "reader-1" | "reader-2";

/** One monitor process of the cluster. */
export interface Member {
  readonly name: MemberName;
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** What the process wrote (stdout and stderr; the last 128–256 KB of it). */
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface Cluster {
  /** HAProxy's address: what a browser would use. */
  readonly url: string;
  readonly stateUrl: string;
  readonly snapshotDir: string;
  readonly writer: Member;
  readonly readers: readonly [Member, Member];
  /** Starts a reader again on its port (after it exited) and waits until it is ready and HAProxy sends it requests. */
  restart(name: "reader-1" | "reader-2"): Promise<Member>;
  /** One command to HAProxy's admin socket (e.g. "disable server readers/reader-2"); its answer. */
  balancer(command: string): Promise<string>;
  /** HAProxy's view of a server: "UP", "DOWN", "MAINT", "UP 1/2" (going down) …, from its admin socket. */
  serverStatus(backend: "readers" | "writer", server: string): Promise<string>;
  /** Waits until HAProxy's status of the server matches. */
  waitForStatus(backend: "readers" | "writer", server: string, status: RegExp, timeoutMs?: number): Promise<void>;
  /** HAProxy's log (the last 128–256 KB of it). */
  balancerOutput(): string;
  /** Stops every process (SIGTERM, then SIGKILL past a deadline) and removes the temporary folders. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** The demo municipality to serve (the tests' inject("demoDir")). */
  demoDir: string;
  /** Extra settings for every monitor. */
  env?: Record<string, string>;
  /** Readiness deadlines: the writer's first start ingests the demo. */
  writerTimeoutMs?: number;
  readerTimeoutMs?: number;
}

const unprivileged = () => {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync("id", [flag, "nobody"], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
};

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>, describe: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s\n${describe()}`);
}

/** The end of a log kept for error messages: a process under load writes an access-log line per request. */
const tail = (log: string) => (log.length > 256_000 ? log.slice(-128_000) : log);

const isReady = (url: string) =>
  fetch(`${url}/readyz`).then(
    (r) => (void r.body?.cancel(), r.status === 200),
    () => false,
  );

function spawnMember(name: MemberName, port: number, env: Record<string, string>): Member {
  const child = spawn(process.execPath, ["--import", "tsx", "src/app/main.ts", "--demo"], {
    cwd: root,
    env: { ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port) },
  });
  let output = "";
  child.stdout.on("data", (data) => (output = tail(output + data)));
  child.stderr.on("data", (data) => (output = tail(output + data)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { name, port, url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}

async function startMember(name: MemberName, port: number, env: Record<string, string>, timeoutMs: number): Promise<Member> {
  const member = spawnMember(name, port, env);
  try {
    await waitUntil(
      `${name} did not become ready (GET /readyz 200)`,
      timeoutMs,
      async () => {
        if (member.child.exitCode !== null || member.child.signalCode !== null) throw new Error(`${name} exited before it was ready:\n${member.output()}`);
        return isReady(member.url);
      },
      () => member.output(),
    );
  } catch (error) {
    member.child.kill("SIGKILL");
    throw error;
  }
  return member;
}

/** Sends one command to HAProxy's admin socket and returns its answer. */
function adminCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = "";
    const connection = net.createConnection(socket, () => connection.end(`${command}\n`));
    connection.on("data", (data) => (answer += data));
    connection.on("end", () => resolve(answer));
    connection.on("error", reject);
  });
}

async function stopProcess(child: ChildProcess, deadlineMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), deadlineMs);
  await exited;
  clearTimeout(timer);
}

export async function startCluster({ demoDir, env = {}, writerTimeoutMs = 400_000, readerTimeoutMs = 180_000 }: ClusterOptions): Promise<Cluster> {
  if (!existsSync(HAPROXY)) throw new Error(`no HAProxy at ${HAPROXY}: install Debian's haproxy package (.ci/run does)`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-cluster-"));
  const snapshotDir = path.join(tmp, "snapshots");
  mkdirSync(snapshotDir);
  const started: { members: Member[]; haproxy?: ChildProcess; lbDir?: string; stopPostgres?: () => Promise<void> } = { members: [] };
  const stopAll = async () => {
    await Promise.all([...started.members.map((m) => stopProcess(m.child)), started.haproxy ? stopProcess(started.haproxy, 5_000) : undefined]);
    await started.stopPostgres?.();
    for (const dir of [tmp, started.lbDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const postgres = await startPostgres();
    started.stopPostgres = () => postgres.stop();
    const [lbPort, writerPort, reader1Port, reader2Port] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const shared = {
      MM_DEMO_DIR: demoDir,
      MM_STATE_URL: postgres.url,
      MM_SNAPSHOT_DIR: snapshotDir,
      MM_TRUST_PROXY: "loopback",
      MM_DB_RESERVE_MB: "0",
      // Twice the default drain: HAProxy's checks (every 0.25–0.5 s, 2 s timeout, 2 to fall) must see a
      // draining reader before it closes even when a busy machine delays them; not a speed assumption.
      MM_SHUTDOWN_DRAIN_MS: "10000",
      ...env,
    };
    const writerEnv = { ...shared, MM_DB: path.join(tmp, "writer", "monitor.duckdb"), MM_FILES_DIR: path.join(tmp, "writer", "files") };
    const readerEnv = (name: string) => ({
      ...shared,
      MM_MODE: "reader",
      MM_DB: path.join(tmp, name, "monitor.duckdb"),
      MM_FILES_DIR: path.join(tmp, name, "files"),
    });
    for (const name of ["writer", "reader-1", "reader-2"]) mkdirSync(path.join(tmp, name));

    const writer = await startMember("writer", writerPort, writerEnv, writerTimeoutMs);
    started.members.push(writer);
    const starting = await Promise.allSettled([
      startMember("reader-1", reader1Port, readerEnv("reader-1"), readerTimeoutMs),
      startMember("reader-2", reader2Port, readerEnv("reader-2"), readerTimeoutMs),
    ]);
    for (const result of starting) if (result.status === "fulfilled") started.members.push(result.value);
    const failed = starting.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    const readers = started.members.slice(1);

    // HAProxy: the file as it is, plus a global section of the harness's own (merged by HAProxy).
    // Its own folder (mkdtemp makes it 0700), owned by the user HAProxy runs as.
    const lbDir = mkdtempSync(path.join(os.tmpdir(), "mm-haproxy-"));
    started.lbDir = lbDir;
    const socket = path.join(lbDir, "admin.sock");
    const extra = path.join(lbDir, "test-admin.cfg");
    writeFileSync(extra, `global\n    stats socket ${socket} mode 666 level admin\n`);
    // A copy of the file as it is: the checkout may sit in a folder `nobody` cannot read (mktemp -d).
    const config = path.join(lbDir, "haproxy.cfg");
    copyFileSync(HAPROXY_CONFIG, config);
    const user = unprivileged();
    if (user) for (const file of [lbDir, extra, config]) chownSync(file, user.uid, user.gid);
    const haproxy = spawn(HAPROXY, ["-db", "-f", config, "-f", extra], {
      cwd: lbDir,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        MM_LB_BIND: `127.0.0.1:${lbPort}`,
        MM_WRITER: `127.0.0.1:${writerPort}`,
        MM_READER_1: `127.0.0.1:${reader1Port}`,
        MM_READER_2: `127.0.0.1:${reader2Port}`,
      },
      ...(user ?? {}),
    });
    started.haproxy = haproxy;
    let balancerLog = "";
    haproxy.stdout.on("data", (data) => (balancerLog = tail(balancerLog + data)));
    haproxy.stderr.on("data", (data) => (balancerLog = tail(balancerLog + data)));

    const serverStatus = async (backend: string, server: string) => {
      const csv = await adminCommand(socket, "show stat");
      const header = csv.split("\n")[0]!.replace(/^# /, "").split(",");
      const row = csv
        .split("\n")
        .map((line) => line.split(","))
        .find((fields) => fields[0] === backend && fields[1] === server);
      return row?.[header.indexOf("status")] ?? "unknown";
    };
    const waitForStatus = (backend: "readers" | "writer", server: string, status: RegExp, timeoutMs = 60_000) => {
      let last = "";
      return waitUntil(
        `HAProxy did not see ${backend}/${server} as ${status}`,
        timeoutMs,
        async () => {
          if (haproxy.exitCode !== null) throw new Error(`HAProxy exited (${haproxy.exitCode}):\n${balancerLog}`);
          last = await serverStatus(backend, server).catch((error: Error) => `(socket: ${error.message})`);
          return status.test(last);
        },
        () => `last status: ${last}\n${balancerLog}`,
      );
    };
    await waitForStatus("writer", "writer", /^UP$/);
    for (const reader of ["reader-1", "reader-2"]) await waitForStatus("readers", reader, /^UP$/);

    const readerPorts = { "reader-1": reader1Port, "reader-2": reader2Port } as const;
    const current = readers as [Member, Member];
    return {
      url: `http://127.0.0.1:${lbPort}`,
      stateUrl: postgres.url,
      snapshotDir,
      writer,
      get readers() {
        return current;
      },
      async restart(name) {
        const index = name === "reader-1" ? 0 : 1;
        const old = current[index];
        if (old.child.exitCode === null && old.child.signalCode === null) throw new Error(`${name} is still running`);
        const member = await startMember(name, readerPorts[name], readerEnv(name), readerTimeoutMs);
        started.members.push(member);
        current[index] = member;
        await waitForStatus("readers", name, /^UP$/);
        return member;
      },
      balancer: (command) => adminCommand(socket, command),
      serverStatus,
      waitForStatus,
      balancerOutput: () => balancerLog,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export interface Load {
  readonly concurrency: number;
  /** Answers with status 200 so far. */
  readonly ok: number;
  /** Every other answer ("HTTP 503") and every request that got none (the fetch error's cause). */
  readonly failures: readonly string[];
  /** Waits until `count` more requests than now have succeeded. */
  served(count: number, timeoutMs?: number): Promise<void>;
  /** Lets the requests in flight finish and sends no more. */
  stop(): Promise<void>;
}

/**
 * `concurrency` clients each asking `url` in a loop with these headers (e.g. a logged-in officer's
 * cookie), counting what failed: the load under which a reader is killed or restarted.
 */
export function startLoad(url: string, headers: Record<string, string>, concurrency = 4): Load {
  let stopping = false;
  let ok = 0;
  const failures: string[] = [];
  const loops = Array.from({ length: concurrency }, async () => {
    while (!stopping) {
      try {
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        if (response.status === 200) ok++;
        else failures.push(`HTTP ${response.status}`);
      } catch (error) {
        failures.push(String((error as Error).cause ?? error));
      }
    }
  });
  return {
    concurrency,
    get ok() {
      return ok;
    },
    failures,
    async served(count, timeoutMs = 120_000) {
      const target = ok + count;
      await waitUntil(
        `${count} more requests were not served`,
        timeoutMs,
        async () => ok >= target,
        () => failures.slice(-5).join("\n"),
      );
    },
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
}
