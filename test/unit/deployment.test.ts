/**
 * The image and the compose file, read as Docker would read them: no engine needed. The compose CLI's
 * own check is in deployment-compose-cli.test.ts.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigSchema, loadConfig } from "../../src/app/config.ts";
import { args, interpolate, isDockerIgnored, parseDockerfile, parseEnvFile, readRepoFile } from "../support/docker-files.ts";

interface ComposeService {
  image?: string;
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string | null>;
  volumes?: string[];
  healthcheck?: { test: string[] };
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
