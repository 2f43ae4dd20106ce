/**
 * Lighthouse (from npm, mobile profile with simulated throttling, as PageSpeed Insights runs it) on
 * Debian's Chromium, offline, against the monitor as its own process on the demo: the login page, the
 * policy overview and an indicator page as `policy`, an establishment dossier as `permit`. Prints the
 * category scores (0–100), LCP and TBT per page, and the page's JavaScript and CSS as sent against
 * their uncompressed size: all of it, and the part that had arrived by the largest paint (what the
 * first screen waited for; Plot comes after). As sent here means gzip: Chromium asks for brotli only
 * over HTTPS, where the same files go about 15 % smaller.
 * Targets (issue 22): performance ≥ 90, accessibility 100, best practices ≥ 95 on each page.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { login, startServerProcess } from "./server-process.ts";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const TARGETS = { performance: 90, accessibility: 100, "best-practices": 95 };

interface Page {
  name: string;
  path: string;
  as: "policy" | "permit" | null;
}

interface PageScores {
  page: string;
  scores: Record<string, number | null>;
  lcpMs: number | null;
  tbtMs: number | null;
  transferKB: number | null;
  /**
   * The page's JavaScript and CSS: as sent (gzip) and uncompressed, in KB; `jsBeforeLcpKB` counts only
   * the scripts that had arrived by the largest contentful paint (as observed, unthrottled).
   */
  firstLoad: { jsKB: number; jsUncompressedKB: number; jsBeforeLcpKB: number; cssKB: number };
}

export async function benchLighthouse(): Promise<object> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-bench-lighthouse-"));
  const server = await startServerProcess({ MM_DB: path.join(tmp, "lighthouse.duckdb") });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.MM_CHROMIUM || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update"],
  });
  try {
    const cookies = { policy: (await login(server.url, "policy")).cookie, permit: (await login(server.url, "permit")).cookie };
    const establishment = await firstEstablishment(server.url, cookies.permit);
    const pages: Page[] = [
      { name: "login", path: "/#/login", as: null },
      { name: "overview", path: "/#/themes", as: "policy" },
      { name: "indicator", path: "/#/indicators/no2-annual-mean", as: "policy" },
      { name: "dossier", path: `/#/establishments/${encodeURIComponent(establishment)}`, as: "permit" },
    ];
    const results: PageScores[] = [];
    for (const page of pages) results.push(await audit(`${server.url}${page.path}`, chrome.port, page.as ? cookies[page.as] : null, page.name));
    const missed = results.flatMap((r) =>
      Object.entries(TARGETS)
        .filter(([category, target]) => (r.scores[category] ?? 0) < target)
        .map(([category]) => `${r.page}:${category}`),
    );
    return { pages: results, targets: TARGETS, missed };
  } finally {
    await chrome.kill();
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function firstEstablishment(url: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/establishments?pageSize=1`, { headers: { cookie } });
  if (!response.ok) throw new Error(`establishment search as permit: ${response.status}`);
  const body = (await response.json()) as { items: { id: string }[] };
  const id = body.items[0]?.id;
  if (!id) throw new Error("the demo has no establishments");
  return id;
}

async function audit(url: string, port: number, cookie: string | null, page: string): Promise<PageScores> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: [...CATEGORIES],
    // The session cookie on every request of the page, as a logged-in browser sends it.
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  if (!result) throw new Error(`Lighthouse gave no result for ${page}`);
  const { lhr } = result;
  // The full report, for profiling (render-blocking, unused JS, bootup time, long tasks), when asked for.
  const reportDir = process.env.MM_LIGHTHOUSE_REPORTS;
  if (reportDir) writeFileSync(path.join(reportDir, `${page}.json`), JSON.stringify(lhr));
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const numeric = (id: string) => {
    const value = lhr.audits[id]?.numericValue;
    return typeof value === "number" ? Math.round(value) : null;
  };
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)]));
  const transfer = numeric("total-byte-weight");
  return {
    page,
    scores,
    lcpMs: numeric("largest-contentful-paint"),
    tbtMs: numeric("total-blocking-time"),
    transferKB: transfer === null ? null : Math.round(transfer / 1024),
    firstLoad: firstLoadSizes(lhr.audits["network-requests"]?.details, observedLcp(lhr.audits.metrics?.details)),
  };
}

interface NetworkRequest {
  resourceType?: string;
  transferSize?: number;
  resourceSize?: number;
  /** Milliseconds after the navigation started, as `observedLargestContentfulPaint`. */
  networkEndTime?: number;
}

/** The largest contentful paint as it happened (not simulated), in ms after the navigation started. */
function observedLcp(details: unknown): number {
  const value = (details as { items?: { observedLargestContentfulPaint?: number }[] } | undefined)?.items?.[0]?.observedLargestContentfulPaint;
  return typeof value === "number" ? value : Infinity;
}

function firstLoadSizes(details: unknown, lcpMs: number): PageScores["firstLoad"] {
  const items = ((details as { items?: NetworkRequest[] } | undefined)?.items ?? []).filter(
    (r) => r.resourceType === "Script" || r.resourceType === "Stylesheet",
  );
  const kb = (requests: NetworkRequest[], size: "transferSize" | "resourceSize") =>
    Math.round(requests.reduce((sum, r) => sum + (r[size] ?? 0), 0) / 102.4) / 10;
  const scripts = items.filter((r) => r.resourceType === "Script");
  return {
    jsKB: kb(scripts, "transferSize"),
    jsUncompressedKB: kb(scripts, "resourceSize"),
    jsBeforeLcpKB: kb(
      scripts.filter((r) => (r.networkEndTime ?? Infinity) <= lcpMs),
      "transferSize",
    ),
    cssKB: kb(
      items.filter((r) => r.resourceType === "Stylesheet"),
      "transferSize",
    ),
  };
}
