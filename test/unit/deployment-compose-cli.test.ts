/**
 * docker-compose.yml as the compose client reads it: `config -q` with and without the oidc profile,
 * and the MM_OIDC_* settings reaching the monitor from `--env-file deploy/oidc.env`. Needs a compose
 * client (the docker CLI's plugin, or Debian's docker-compose, which .ci/run installs), no engine.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseEnvFile, readRepoFile, repoRoot } from "../support/docker-files.ts";

// A clean environment, so settings of the machine running the tests cannot change what compose resolves.
const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp" };
const run = (command: string[]) => spawnSync(command[0]!, command.slice(1), { cwd: repoRoot, env, encoding: "utf8" });

const compose = [["docker", "compose"], ["docker-compose"]].find((command) => run([...command, "version"]).status === 0);
const name = (what: string) => (compose ? what : `${what} (skipped: neither \`docker compose\` nor \`docker-compose\` is installed)`);

describe.skipIf(!compose)("the compose client", () => {
  const composeRun = (...rest: string[]) => run([...compose!, "-f", "docker-compose.yml", ...rest]);

  it(name("accepts docker-compose.yml"), () => {
    const result = composeRun("config", "-q");
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
  });

  it(name("accepts docker-compose.yml with the oidc profile"), () => {
    const result = composeRun("--profile", "oidc", "config", "-q");
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
  });

  it(name("passes the MM_OIDC_* settings to the monitor from --env-file deploy/oidc.env, and none without it"), () => {
    type Resolved = { services: Record<string, { environment?: Record<string, string | null> }> };
    const monitorEnv = (result: ReturnType<typeof composeRun>) => (parse(result.stdout) as Resolved).services.milieumonitor?.environment ?? {};
    const withFile = composeRun("--env-file", "deploy/oidc.env", "--profile", "oidc", "config");
    expect(withFile.status).toBe(0);
    const expected = parseEnvFile(readRepoFile("deploy/oidc.env"));
    for (const [key, value] of Object.entries(expected)) expect(monitorEnv(withFile)[key], key).toBe(value);
    const without = composeRun("config");
    expect(without.status).toBe(0);
    for (const key of Object.keys(expected)) expect(monitorEnv(without)[key] ?? undefined, key).toBeUndefined();
  });
});
