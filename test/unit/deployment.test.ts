/**
 * The image and the compose file, read as Docker would read them: no engine needed. The compose CLI's
 * own check is in deployment-compose-cli.test.ts; the `scale` profile's and HAProxy's own checks
 * (`docker-compose --profile scale config -q`, `haproxy -c`) are at the end of this file.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigSchema, loadConfig } from "../../src/app/config.ts";
import { routeAccess } from "../../src/ground/contract/access.ts";
import { writerRoutes } from "../../src/ground/contract/writer-routes.ts";
import { args, interpolate, isDockerIgnored, parseDockerfile, parseEnvFile, readRepoFile, repoRoot } from "../support/docker-files.ts";

interface ComposeService {
  build?: string;
  image?: string;
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string | null>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: string[] | Record<string, { condition: string }>;
  stop_grace_period?: string;
  network_mode?: string;
  command?: string[];
}
const compose = parse(readRepoFile("docker-compose.yml")) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
const app = compose.services.milieumonitor!;
const keycloak = compose.services.keycloak!;
const seconds = (duration: string) => Number(/^(\d+)s$/.exec(duration)?.[1]);

describe("docker-compose.yml", () => {
  it("keeps the database on a named volume declared at the top level, at /data", () => {
    const mounts = (app.volumes ?? []).map((mount) => mount.split(":"));
    const data = mounts.find(([, target]) => target === "/data");
    expect(data, "a volume mounted at /data").toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(data![0]);
    expect(app.environment?.MM_DB).toMatch(/^\/data\//);
  });

  it("checks liveness on /healthz, and gives the shutdown longer than its 25 s deadline", () => {
    expect(app.healthcheck?.test.join(" ")).toContain("/healthz");
    expect(seconds(app.stop_grace_period ?? "")).toBeGreaterThan(25);
  });

  it("sets only settings the monitor knows, and its defaults are a valid configuration", () => {
    const environment = app.environment ?? {};
    expect(Object.keys(environment).filter((key) => !(key in ConfigSchema.shape))).toEqual([]);
    // Values without a default are passed on only when set; here none are.
    const resolved = Object.fromEntries(
      Object.entries(environment)
        .filter((entry): entry is [string, string] => entry[1] !== null)
        .map(([key, value]) => [key, interpolate(value, {})]),
    );
    expect(() => loadConfig(resolved)).not.toThrow();
    expect(loadConfig(resolved)).toMatchObject({ MM_DEMO: true, MM_DB: "/data/milieumonitor.duckdb" });
  });

  it("passes every other setting on from the shell or --env-file, so none needs an edit of the file", () => {
    // Fixed by the image (Dockerfile ENV) or derived from MM_DB: where the container keeps things.
    const fixedByTheImage = ["PORT", "HOST", "MM_CLIENT_DIR", "MM_BACKUP_DIR"];
    const passed = Object.keys(app.environment ?? {});
    expect(Object.keys(ConfigSchema.shape).filter((key) => !passed.includes(key) && !fixedByTheImage.includes(key))).toEqual([]);
  });

  it("runs Keycloak only with the oidc profile, with a health check and the realm to import", () => {
    expect(keycloak.profiles).toEqual(["oidc"]);
    expect(keycloak.image).toMatch(/^quay\.io\/keycloak\/keycloak:\d+/);
    expect(keycloak.command).toEqual(["start-dev", "--import-realm"]);
    expect(keycloak.healthcheck?.test.join(" ")).toContain("/health/ready");
    expect(keycloak.volumes).toContain("./deploy/keycloak:/opt/keycloak/data/import:ro");
    expect(
      Object.entries(compose.services)
        .filter(([, service]) => service.profiles === undefined)
        .map(([name]) => name),
    ).toEqual(["milieumonitor"]);
  });

  it("lets the monitor and the browser reach Keycloak at the same localhost address", () => {
    const issuer = new URL(parseEnvFile(readRepoFile("deploy/oidc.env")).MM_OIDC_ISSUER!);
    expect(keycloak.network_mode).toBe("service:milieumonitor");
    expect(issuer.hostname).toBe("localhost");
    expect(app.ports).toContain(`127.0.0.1:${issuer.port}:${issuer.port}`);
  });
});

describe("Dockerfile", () => {
  const stages = parseDockerfile(readRepoFile("Dockerfile"));
  const final = stages.at(-1)!;

  it("builds in named stages and runs from the last", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.every((stage) => stage.name)).toBe(true);
    const build = stages.find((stage) => args(stage, "RUN").includes("npm run build"));
    expect(build, "a stage that runs `npm run build`").toBeDefined();
    expect(args(final, "COPY")).toContain(`--from=${build!.name} /app/dist ./dist`);
    expect(args(final, "RUN").join(" ")).not.toMatch(/npm (ci|install)(?!.*--omit=dev)/);
  });

  it("installs only production dependencies into the image it runs", () => {
    const copied = args(final, "COPY").find((line) => line.endsWith("/app/node_modules ./node_modules"));
    const from = /--from=(\S+)/.exec(copied ?? "")?.[1];
    const deps = stages.find((stage) => stage.name === from);
    expect(args(deps!, "RUN").some((line) => /^npm ci .*--omit=dev/.test(line))).toBe(true);
  });

  it("runs as a user that is not root, node as PID 1, with a /healthz check and two malloc arenas", () => {
    const user = args(final, "USER").at(-1);
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user!.split(":")[0]);
    const command = JSON.parse(args(final, "CMD").at(-1)!) as string[];
    expect(command).toEqual(["node", "--import", "tsx", "src/app/main.ts"]);
    expect(args(final, "HEALTHCHECK").join(" ")).toMatch(/CMD \["node".*\/healthz/);
    expect(args(final, "ENV").join(" ")).toMatch(/\bMALLOC_ARENA_MAX=2\b/);
  });
});

describe(".dockerignore", () => {
  const ignore = readRepoFile(".dockerignore");

  it("leaves installed modules, builds, databases at any depth, demo output and git out of the context", () => {
    for (const file of [
      "node_modules/express/package.json",
      "dist/client/index.html",
      "data/milieumonitor.duckdb",
      "data/milieumonitor.duckdb.wal",
      "backups/x.duckdb",
      "data/demo/out/manifest.json",
      "data/demo/out-scale10/manifest.json",
      ".git/HEAD",
    ]) {
      expect(isDockerIgnored(ignore, file), file).toBe(true);
    }
  });

  it("keeps what the image builds and runs from", () => {
    for (const file of [
      "package.json",
      "package-lock.json",
      "tsconfig.json",
      "vite.config.ts",
      "vite.widget.config.ts",
      "docs/widget-example.html",
      "src/app/main.ts",
      "client/index.html",
      "src/pipelines/index.ts",
      "config/alerts.json",
      "data/policy-plan.json",
      "data/demo/generate.ts",
    ]) {
      expect(isDockerIgnored(ignore, file), file).toBe(false);
    }
  });
});

describe("docker-compose.yml's scale profile", () => {
  const scale = ["postgres", "writer", "reader-1", "reader-2", "haproxy"];
  const service = (name: string) => compose.services[name]!;
  const readers = [service("reader-1"), service("reader-2")];
  const writer = service("writer");
  const env = (s: ComposeService) => Object.fromEntries(Object.entries(s.environment ?? {}).map(([key, value]) => [key, interpolate(value ?? "", {})]));
  const mountAt = (s: ComposeService, target: string) => (s.volumes ?? []).map((mount) => mount.split(":")).find(([, at]) => at === target)?.[0];

  it("runs PostgreSQL (the official image), a writer, two readers and HAProxy only with the profile", () => {
    for (const name of scale) expect(service(name).profiles, name).toEqual(["scale"]);
    expect(service("postgres").image).toMatch(/^postgres:\d+/);
    expect(service("postgres").healthcheck?.test.join(" ")).toContain("pg_isready");
    expect(service("haproxy").image).toMatch(/^haproxy:\d+/);
    // The writer and the readers are the monitor's own image.
    for (const s of [writer, ...readers]) expect(s.image).toBe(app.image);
  });

  it("gives the writer and the readers settings the monitor knows and accepts, readers in reader mode", () => {
    for (const s of [writer, ...readers]) {
      expect(Object.keys(s.environment ?? {}).filter((key) => !(key in ConfigSchema.shape))).toEqual([]);
      expect(() => loadConfig(env(s))).not.toThrow();
    }
    expect(env(writer).MM_MODE ?? "writer").not.toBe("reader");
    for (const reader of readers) expect(env(reader).MM_MODE).toBe("reader");
  });

  it("shares one PostgreSQL and one snapshot folder between the writer and the readers", () => {
    const stateUrl = new URL(env(writer).MM_STATE_URL!);
    expect(stateUrl.protocol).toBe("postgres:");
    expect(stateUrl.hostname).toBe("postgres");
    const postgres = env(service("postgres"));
    expect(decodeURIComponent(stateUrl.password)).toBe(postgres.POSTGRES_PASSWORD);
    expect(stateUrl.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    const snapshots = env(writer).MM_SNAPSHOT_DIR!;
    const volumeOf = (s: ComposeService) => mountAt(s, "/data");
    expect(snapshots.startsWith("/data/")).toBe(true);
    expect(Object.keys(compose.volumes ?? {})).toContain(volumeOf(writer));
    for (const reader of readers) {
      expect(env(reader).MM_STATE_URL).toBe(env(writer).MM_STATE_URL);
      expect(env(reader).MM_SNAPSHOT_DIR).toBe(snapshots);
      expect(volumeOf(reader)).toBe(volumeOf(writer));
    }
    // Not the single monitor's volume: the two setups keep their data apart.
    expect(volumeOf(writer)).not.toBe(mountAt(app, "/data"));
  });

  it("starts HAProxy with deploy/haproxy.cfg and every address it expands, naming the services", () => {
    const haproxy = service("haproxy");
    expect(haproxy.volumes).toContain("./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
    const settings = readRepoFile("deploy/haproxy.cfg").replace(/#.*$/gm, "");
    const variables = [...settings.matchAll(/"\$\{(\w+)\}"/g)].map((m) => m[1]!);
    expect(new Set(variables)).toEqual(new Set(["MM_LB_BIND", "MM_WRITER", "MM_READER_1", "MM_READER_2"]));
    const haproxyEnv = env(haproxy);
    for (const name of variables) expect(haproxyEnv[name], name).toBeTruthy();
    expect([haproxyEnv.MM_WRITER, haproxyEnv.MM_READER_1, haproxyEnv.MM_READER_2]).toEqual(["writer:3000", "reader-1:3000", "reader-2:3000"]);
    expect(haproxy.ports).toEqual([`\${MM_SCALE_PORT:-8000}:${haproxyEnv.MM_LB_BIND!.split(":")[1]}`]);
    // The monitors trust the balancer's X-Forwarded-For (the login throttle and the audit log see the client).
    for (const s of [writer, ...readers]) expect(env(s).MM_TRUST_PROXY).toBeTruthy();
  });

  it("drains the readers on SIGTERM for longer than HAProxy takes to stop sending them requests", () => {
    const cfg = readRepoFile("deploy/haproxy.cfg");
    const server = /default-server check inter "\$\{MM_LB_CHECK_MS-(\d+)\}".*\bfall (\d+)/.exec(cfg);
    expect(server, "the readers' default-server line").not.toBeNull();
    const [inter, fall] = [Number(server![1]), Number(server![2])];
    const checkTimeoutMs = Number(/timeout check (\d+)s/.exec(cfg)![1]) * 1000;
    for (const reader of readers) {
      const drainMs = Number(env(reader).MM_SHUTDOWN_DRAIN_MS);
      expect(drainMs).toBeGreaterThan(inter * fall + checkTimeoutMs);
      expect(seconds(reader.stop_grace_period ?? "")).toBeGreaterThan(25);
    }
  });
});

describe("deploy/haproxy.cfg's routing rule", () => {
  const cfg = readRepoFile("deploy/haproxy.cfg");
  const workArea = new RegExp(/acl work_area path_reg (\S+)/.exec(cfg)![1]!);
  const readOnlyRoles = ["policy", "permit"];

  it("sends every route only the analyst or the admin may call to the writer", () => {
    const dataOnly = Object.entries(routeAccess)
      .filter(([, access]) => Array.isArray(access) && !access.some((role: string) => readOnlyRoles.includes(role)))
      .map(([key]) => key.split(" ")[1]!.replace(/:\w+/g, "x"));
    expect(dataOnly.length).toBeGreaterThan(5);
    expect(dataOnly.filter((path) => !workArea.test(path))).toEqual([]);
  });

  it("sends every route a reader refuses (it writes the DuckDB file) to the writer", () => {
    const toReaders = writerRoutes.filter((key) => {
      const [method, path] = key.split(" ") as [string, string];
      const concrete = path.replace(/:\w+/g, "x");
      const safe = ["GET", "HEAD", "OPTIONS"].includes(method);
      return !workArea.test(concrete) && (safe || concrete === "/api/v1/session");
    });
    expect(toReaders).toEqual([]);
  });

  it("keeps the policy and permit officers' reading on the readers", () => {
    for (const path of [
      "/api/v1/themes",
      "/api/v1/indicators/x/series",
      "/api/v1/establishments/x",
      "/api/v1/locations/dossier",
      "/api/v1/session",
      "/api/v1/alerts",
    ]) {
      expect(workArea.test(path), path).toBe(false);
    }
    expect(cfg).toMatch(/use_backend writer if !safe_method !login_logout/);
    expect(cfg).toMatch(/acl safe_method method GET HEAD OPTIONS/);
    expect(cfg).toMatch(/acl login_logout path \/api\/v1\/session\n/);
  });
});

// A clean environment, so settings of the machine running the tests cannot change what the tools resolve.
const cleanEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp" };
const run = (command: string[], env: Record<string, string> = {}) =>
  spawnSync(command[0]!, command.slice(1), { cwd: repoRoot, env: { ...cleanEnv, ...env }, encoding: "utf8" });
const composeCli = [["docker", "compose"], ["docker-compose"]].find((command) => run([...command, "version"]).status === 0);
const HAPROXY = "/usr/sbin/haproxy";

describe("the tools' own checks", () => {
  it.skipIf(!composeCli)(`accepts the scale profile (\`config -q\`)${composeCli ? "" : " (skipped: no compose client installed)"}`, () => {
    const result = run([...composeCli!, "-f", "docker-compose.yml", "--profile", "scale", "config", "-q"]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
  });

  // .ci/run installs Debian's haproxy, so a missing one fails here rather than being skipped.
  it("passes `haproxy -c` with addresses as the tests and as compose give them", () => {
    expect(existsSync(HAPROXY), `${HAPROXY} (Debian's haproxy package)`).toBe(true);
    const loopback = { MM_LB_BIND: "127.0.0.1:18000", MM_WRITER: "127.0.0.1:18001", MM_READER_1: "127.0.0.1:18002", MM_READER_2: "127.0.0.1:18003" };
    const names = { MM_LB_BIND: "*:3000", MM_WRITER: "writer:3000", MM_READER_1: "reader-1:3000", MM_READER_2: "reader-2:3000" };
    for (const env of [loopback, names]) {
      const result = run([HAPROXY, "-c", "-f", "deploy/haproxy.cfg"], env);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/Configuration file is valid/);
    }
    // Without its addresses the file is refused, not started half-configured.
    expect(run([HAPROXY, "-c", "-f", "deploy/haproxy.cfg"], { MM_LB_BIND: "127.0.0.1:18000" }).status).not.toBe(0);
  });
});
