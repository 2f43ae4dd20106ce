/** Readers for the deployment files, for the tests: Dockerfile stages, .dockerignore matching, compose interpolation. */
import { readFileSync } from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "..", "..");
export const readRepoFile = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");

export interface DockerStage {
  base: string;
  name: string | undefined;
  /** Instructions with line continuations joined, comments dropped: ["RUN npm ci", "USER node", …]. */
  instructions: string[];
}

/** The stages of a Dockerfile, in order. */
export function parseDockerfile(text: string): DockerStage[] {
  const lines = text
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) stages.push({ base: from[1]!, name: from[2], instructions: [] });
    else stages.at(-1)?.instructions.push(line);
  }
  return stages;
}

/** The instructions of a stage with this keyword, without the keyword: `args(stage, "USER")` → ["node"]. */
export const args = (stage: DockerStage, keyword: string) =>
  stage.instructions.filter((line) => line.toUpperCase().startsWith(`${keyword} `)).map((line) => line.slice(keyword.length + 1).trim());

function patternToRegExp(pattern: string): RegExp {
  const trimmed = pattern.replace(/^\/+|\/+$/g, "");
  let source = "";
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed.startsWith("**/", i)) {
      source += "(?:.*/)?";
      i += 2;
    } else if (trimmed.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (trimmed[i] === "*") source += "[^/]*";
    else if (trimmed[i] === "?") source += "[^/]";
    else source += trimmed[i]!.replace(/[\\^$.|+()[\]{}]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether Docker leaves `file` (relative to the context) out of the build context: a pattern matches
 * from the context root (Go's filepath.Match plus `**`), and matching a folder leaves out what it holds.
 * Later `!` patterns re-include, as in Docker.
 */
export function isDockerIgnored(dockerignore: string, file: string): boolean {
  const patterns = dockerignore
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const prefixes = file.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"));
  let ignored = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith("!");
    const re = patternToRegExp(negated ? pattern.slice(1) : pattern);
    if (prefixes.some((prefix) => re.test(prefix))) ignored = !negated;
  }
  return ignored;
}

/** Compose's `${VAR:-default}` and `${VAR}` against `env`; `$$` is a literal `$`. */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{(\w+)(?::-([^}]*))?\}/g, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === "$$") return "$";
    const set = env[name!];
    return set !== undefined && set !== "" ? set : (fallback ?? "");
  });
}

/** KEY=value lines of an env file (no quoting: the form both compose v1 and v2 read alike). */
export function parseEnvFile(text: string): Record<string, string> {
  const entries = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const);
  return Object.fromEntries(entries);
}
