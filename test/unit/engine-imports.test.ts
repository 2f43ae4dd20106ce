/**
 * The floors of the server (ADR 0016): the engine and the database import nothing of the HTTP layer
 * (server/http) or the API (server/api) but the contract's types; request schemas import no route or
 * engine code; no route file reaches back into app.ts. A cheap scan of import specifiers until a real
 * layer lint replaces it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

const ENGINE = ["server/themes", "server/dossiers", "server/stations", "server/alerts", "server/db", "server/pipelines", "server/auth"];
/** The ground floor the engine shares with the API: its domain errors. */
const GROUND = ["server/domain-errors.ts"];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Static imports and re-exports (also `import type`, across lines), side-effect imports and dynamic import(). */
const IMPORT = /\b(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** The repository paths a file's text imports (relative specifiers only: packages are no floor of ours). */
function importsOf(file: string, text = readFileSync(path.join(root, file), "utf8")): string[] {
  return [...text.matchAll(IMPORT)]
    .map((m) => m[1] ?? m[2] ?? m[3]!)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) =>
      path
        .relative(root, path.resolve(root, path.dirname(file), specifier))
        .split(path.sep)
        .join("/"),
    );
}

/** The API's contract (types and enums shared with the client) moves to the ground floor later; until then it is allowed. */
const isContract = (target: string) => /^server\/api\/contract(?:-[\w-]+)?\.ts$/.test(target);
const isHttpOrApi = (target: string) => (target.startsWith("server/http/") || target.startsWith("server/api/")) && !isContract(target);

const offences = (files: string[], forbidden: (target: string) => boolean) =>
  files.flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((target) => `${file} imports ${target}`),
  );

describe("the server's floors", () => {
  it("recognise every form of import this scan looks for", () => {
    const sample = [
      'import { HttpError } from "../http/http-error.ts";',
      'import type { Route } from "../http/routes.ts";',
      "import {\n  a,\n  b,\n} from '../api/csv.ts';",
      'export { badParameter } from "../http/validate.ts";',
      'import "../api/table-csv.ts";',
      'const m = await import("../api/params.ts");',
      'import type { Role } from "../api/contract.ts";',
      'import { z } from "zod";',
    ].join("\n");
    const found = importsOf("server/themes/sample.ts", sample);
    expect(found).toEqual([
      "server/http/http-error.ts",
      "server/http/routes.ts",
      "server/api/csv.ts",
      "server/http/validate.ts",
      "server/api/table-csv.ts",
      "server/api/params.ts",
      "server/api/contract.ts",
    ]);
    expect(found.filter(isHttpOrApi)).toHaveLength(6);
  });

  it("keep the engine and the database free of the HTTP layer and the API (but the contract)", () => {
    const files = [...ENGINE.flatMap(sourceFiles), ...GROUND];
    expect(files.length).toBeGreaterThan(50);
    // The scan sees their imports: the contract's types are imported all over the engine.
    expect(files.flatMap((file) => importsOf(file)).filter(isContract).length).toBeGreaterThan(10);
    expect(offences(files, isHttpOrApi)).toEqual([]);
  });

  it("keep the request schemas free of route and engine code", () => {
    const files = sourceFiles("server/api/requests");
    expect(files.length).toBeGreaterThan(5);
    const isRouteOrEngine = (target: string) =>
      target.endsWith("-routes.ts") || target === "server/app.ts" || ENGINE.some((dir) => target.startsWith(`${dir}/`));
    expect(offences(files, isRouteOrEngine)).toEqual([]);
  });

  it("give each router its dependencies, not app.ts's", () => {
    expect(offences(sourceFiles("server/api"), (target) => target === "server/app.ts")).toEqual([]);
  });
});
