/**
 * GET /api/v1/public/indicators/:id, what the <mm-indicator> widget reads from other sites: only
 * indicators the policy plan marks public, the municipality's aggregates only, the policy role's
 * disclosure control, the same answer with or without a session, and CORS for the configured origins.
 *
 * The demo is copied with all but 3 odour complaints of 2023 removed, and the plan marks
 * odour-complaints public too, so a municipal cell falls under disclosure control.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { IndicatorSummary } from "../../src/ground/contract/contract.ts";
import { PublicIndicator } from "../../src/ground/contract/contract-public.ts";
import { FIXED_NOW, login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

const ALLOWED = "https://www.gemeente.example";
const OTHER_ALLOWED = "https://intranet.gemeente.example";
const DENIED = "https://elders.example";
const PUBLIC_PATH = "/api/v1/public/indicators";

let monitor: TestMonitor;
let tmp: string;
let policy: Login;
let admin: Login;
/** The monitor's clock (sessions expire by it); moved only by the session test, which puts it back. */
let now = FIXED_NOW.getTime();

/** Leaves 3 odour complaints in 2023: a count the policy role may not see. */
function keepThreeOdourComplaintsIn2023(csvFile: string) {
  const [header, ...rows] = readFileSync(csvFile, "utf8").trimEnd().split("\n");
  let kept = 0;
  const isOdour2023 = (row: string) => row.split(",")[3] === "odour" && row.split(",")[2]!.startsWith("2023-");
  const left = rows.filter((row) => !isOdour2023(row) || ++kept <= 3);
  writeFileSync(csvFile, `${[header, ...left].join("\n")}\n`);
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-public-"));
  const demoDir = path.join(tmp, "demo");
  cpSync(inject("demoDir"), demoDir, { recursive: true });
  keepThreeOdourComplaintsIn2023(path.join(demoDir, "exports", "complaints.csv"));
  const plan = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../data/policy-plan.json"), "utf8")) as {
    targets: { indicator: string; public?: boolean }[];
  };
  for (const target of plan.targets) if (target.indicator === "odour-complaints") target.public = true;
  const planFile = path.join(tmp, "policy-plan.json");
  writeFileSync(planFile, JSON.stringify(plan));
  monitor = await startTestMonitor(demoDir, {
    config: { MM_POLICY_PLAN: planFile, MM_WIDGET_ORIGINS: `${ALLOWED}, ${OTHER_ALLOWED}` },
    clock: () => new Date(now),
  });
  [policy, admin] = await Promise.all([login(monitor.url, "policy"), login(monitor.url, "admin")]);
});
afterAll(async () => {
  await monitor?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The access-log line of a request; written when its response closes, so it may follow the answer by a moment. */
async function accessLine(requestId: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const line = monitor.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === requestId && typeof l.status === "number");
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no access-log line for request ${requestId}`);
}

const getPublic = (id: string, headers: Record<string, string> = {}) => fetch(`${monitor.url}${PUBLIC_PATH}/${id}`, { headers });

async function asRole(id: string, auth: Login) {
  const response = await fetch(`${monitor.url}/api/v1/indicators/${id}`, { headers: { cookie: auth.cookie } });
  expect(response.status).toBe(200);
  return IndicatorSummary.parse(await response.json());
}

describe("public indicators", () => {
  it("serves a public indicator as the municipality's aggregates, without any breakdown", async () => {
    const response = await getPublic("no2-annual-mean");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    // Strict: a field beyond the public contract (breakdown, lowestLevel, provenance, run ids) fails here.
    const indicator = PublicIndicator.parse(body);
    for (const field of ["breakdown", "lowestLevel", "norms", "provenance", "disclosure", "description"]) expect(body).not.toHaveProperty(field);
    expect(indicator.municipality).toEqual({ code: monitor.municipality.code, name: monitor.municipality.name });
    const policyView = await asRole("no2-annual-mean", policy);
    expect(indicator.latest).toEqual(policyView.latest);
    expect(indicator.latest).not.toBeNull();
    expect(indicator.recent).toEqual(policyView.recent);
    expect(indicator.status).toEqual({ code: policyView.status.code, reason: policyView.status.reason });
    expect(indicator.target).toEqual({ value: policyView.target!.value, deadline: policyView.target!.deadline, label: policyView.target!.label });
    expect(indicator.licence).toBe(policyView.provenance.licence);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("x-data-version")).toBe(indicator.dataVersion);
    expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  it("answers 304 to a client that has the answer (node:http: fetch would add no-cache)", async () => {
    const etag = (await getPublic("co2-emissions")).headers.get("etag");
    expect(etag).toBeTruthy();
    const status = await new Promise<number>((resolve, reject) => {
      request(`${monitor.url}${PUBLIC_PATH}/co2-emissions`, { headers: { "if-none-match": etag! } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
        .on("error", reject)
        .end();
    });
    expect(status).toBe(304);
  });

  it("answers a non-public and an unknown id with the same 404, so ids cannot be probed", async () => {
    // noise-complaints exists (the policy role sees it) but the plan does not mark it public.
    await asRole("noise-complaints", policy);
    const notPublic = await getPublic("noise-complaints");
    const unknown = await getPublic("no-such-indicator");
    expect([notPublic.status, unknown.status]).toEqual([404, 404]);
    expect(notPublic.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    // Everything but the request's own id (for the logs) is the same.
    const [a, b] = [await notPublic.json(), await unknown.json()].map(({ requestId: _requestId, ...problem }: Record<string, unknown>) => problem);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 404 });
    expect(JSON.stringify(a)).not.toContain("noise-complaints");
  });

  it("refuses query parameters with a 400 naming them", async () => {
    const response = await getPublic("no2-annual-mean?area=WK999901");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("area");
  });

  it("applies the policy role's disclosure control: a municipal count of 3 is null and suppressed", async () => {
    const full = await asRole("odour-complaints", admin);
    expect(full.recent.find((p) => p.period === "2023")).toMatchObject({ value: 3, suppressed: false });
    const response = await getPublic("odour-complaints");
    expect(response.status).toBe(200);
    const indicator = PublicIndicator.parse(await response.json());
    expect(indicator.recent.find((p) => p.period === "2023")).toEqual({ period: "2023", value: null, suppressed: true });
    expect(indicator.recent).toEqual((await asRole("odour-complaints", policy)).recent);
  });

  it("answers the same with or without a session, and never sets a cookie", async () => {
    const anonymous = await getPublic("co2-emissions");
    const withPolicy = await getPublic("co2-emissions", { cookie: policy.cookie });
    const withAdmin = await getPublic("co2-emissions", { cookie: admin.cookie });
    const bodies = await Promise.all([anonymous, withPolicy, withAdmin].map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(new Set([anonymous, withPolicy, withAdmin].map((r) => r.headers.get("etag"))).size).toBe(1);
    for (const response of [anonymous, withPolicy, withAdmin]) {
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(response.headers.get("vary")).not.toMatch(/cookie/i);
    }
  });
});

describe("the session on the public paths", () => {
  it("is never read: a cookie sent to the public route or the widget neither renews it nor puts a role in the log", async () => {
    const idleMs = monitor.config.MM_SESSION_IDLE_MINUTES * 60_000;
    const [untouched, renewed] = await Promise.all([login(monitor.url, "policy"), login(monitor.url, "policy")]);
    try {
      now += idleMs - 60_000;
      const answers = [
        await getPublic("co2-emissions", { cookie: untouched.cookie }),
        await fetch(`${monitor.url}/widget/mm-indicator.js`, { headers: { cookie: untouched.cookie } }),
      ];
      expect(answers[0]!.status).toBe(200);
      for (const answer of answers) {
        await answer.arrayBuffer();
        expect(await accessLine(answer.headers.get("x-request-id")!)).not.toHaveProperty("role");
      }
      // The control: a route that does read the session renews it, and logs the role.
      const control = await fetch(`${monitor.url}/api/v1/session`, { headers: { cookie: renewed.cookie } });
      expect(control.status).toBe(200);
      expect(await accessLine(control.headers.get("x-request-id")!)).toMatchObject({ role: "policy" });
      // Past the idle time since login, well within it since the renewal.
      now += 2 * 60_000;
      const statusWith = async ({ cookie }: Login) => (await fetch(`${monitor.url}/api/v1/session`, { headers: { cookie } })).status;
      expect(await statusWith(renewed)).toBe(200);
      expect(await statusWith(untouched)).toBe(401);
    } finally {
      now = FIXED_NOW.getTime();
    }
  });
});

describe("CORS with MM_WIDGET_ORIGINS as a list", () => {
  it("allows a listed origin by name, never with credentials", async () => {
    for (const origin of [ALLOWED, OTHER_ALLOWED]) {
      const response = await getPublic("no2-annual-mean", { origin });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
      expect(response.headers.get("vary")).toMatch(/\bOrigin\b/);
    }
  });

  it("gives an unlisted origin no CORS header, so its pages cannot read the answer", async () => {
    const response = await getPublic("no2-annual-mean", { origin: DENIED });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("vary")).toMatch(/\bOrigin\b/);
  });

  it("answers a preflight 204 for a listed origin and 403 for another", async () => {
    const preflight = (origin: string) =>
      fetch(`${monitor.url}${PUBLIC_PATH}/no2-annual-mean`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "GET" } });
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(allowed.headers.get("access-control-allow-methods")).toBe("GET, HEAD");
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    const denied = await preflight(DENIED);
    expect(denied.status).toBe(403);
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends no CORS header on the rest of the API", async () => {
    const response = await fetch(`${monitor.url}/api/v1/indicators/no2-annual-mean`, { headers: { origin: ALLOWED, cookie: policy.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("cross-origin-resource-policy")).toBe("same-origin");
  });
});
