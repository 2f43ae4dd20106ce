/** Builds the client with Vite when dist/ is missing or older than any client source file. */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../ground/logger.ts";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export async function ensureClientBuilt(clientDir: string, logger: Logger): Promise<void> {
  const repoRoot = path.resolve(import.meta.dirname, "../..");
  const index = path.join(clientDir, "index.html");
  const sources = [path.join(repoRoot, "client"), path.join(repoRoot, "src", "ground")];
  // The widget (vite.widget.config.ts) is built after the app, whose build empties clientDir.
  const widget = path.join(clientDir, "widget", "mm-indicator.js");
  if (existsSync(index) && existsSync(widget) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  logger.info("building the client …");
  const { build } = await import("vite");
  await build({ configFile: path.join(repoRoot, "vite.config.ts"), logLevel: "warn", build: { outDir: clientDir, emptyOutDir: true } });
  await build({ configFile: path.join(repoRoot, "vite.widget.config.ts"), logLevel: "warn", build: { outDir: path.dirname(widget), emptyOutDir: true } });
}
