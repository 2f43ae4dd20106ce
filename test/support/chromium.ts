/**
 * Debian's Chromium through playwright-core, with the flags every browser run here uses: for the
 * browser tests and the browser benchmark (this module has no test-runner hooks, so both can use it).
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.MM_CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install it with \`apt-get install -y chromium\` or set MM_CHROMIUM`);
  }
  return chromium.launch({ executablePath, args: chromiumArgs });
}
