import { request, type IncomingHttpHeaders } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { Health, IndicatorSummary, Series, SessionInfo, StationDetail, StationList, ThemeList } from "../../src/ground/contract/contract.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

const Problem = z.object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string().optional() });

let monitor: TestMonitor;
let policy: Login;
let permit: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  policy = await login(monitor.url, "policy");
  permit = await login(monitor.url, "permit");
});
afterAll(() => monitor?.close());

const get = (path: string, auth?: Login, headers: Record<string, string> = {}) =>
  fetch(`${monitor.url}${path}`, { headers: { ...(auth ? { cookie: auth.cookie } : {}), ...headers } });

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return Problem.parse(await response.json());
}

describe("session", () => {
  it("logs in with an HttpOnly SameSite cookie and reports the role", async () => {
    const response = await fetch(`${monitor.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "analyst", password: "demo" }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(SessionInfo.parse(await response.json())).toMatchObject({ username: "analyst", role: "analyst", demo: true });
  });

  it("refuses a wrong password with 401 and a bad body with 400 naming the field", async () => {
    const post = (body: unknown) =>
      fetch(`${monitor.url}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    await expectProblem(await post({ username: "policy", password: "wrong" }), 401);
    const problem = await expectProblem(await post({ username: "policy" }), 400);
    expect(problem.detail).toContain("password");
  });

  it("answers GET with the session and ends it with DELETE, which needs the CSRF token", async () => {
    const session = await login(monitor.url, "admin");
    expect(SessionInfo.parse(await (await get("/api/v1/session", session)).json()).role).toBe("admin");
    const withoutToken = await fetch(`${monitor.url}/api/v1/session`, { method: "DELETE", headers: { cookie: session.cookie } });
    await expectProblem(withoutToken, 403);
    const logout = await fetch(`${monitor.url}/api/v1/session`, {
      method: "DELETE",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
    });
    expect(logout.status).toBe(204);
    await expectProblem(await get("/api/v1/session", session), 401);
  });
});

describe("themes and indicators", () => {
  it("serves the air-quality theme with latest values, targets, statuses and provenance", async () => {
    const body = ThemeList.parse(await (await get("/api/v1/themes", policy)).json());
    expect(body.demo).toBe(true);
    const air = body.themes.find((t) => t.id === "air-quality")!;
    expect(air.name.nl).toBe("Luchtkwaliteit");
    const no2 = air.indicators.find((i) => i.id === "no2-annual-mean")!;
    expect(no2.latest?.period).toBe("2025");
    expect(no2.target?.value).toBe(15);
    expect(no2.norms.map((n) => n.value)).toEqual([40, 20, 10]);
    expect(no2.status.code).not.toBe("no-data");
    expect(no2.provenance.runId).toBeGreaterThan(0);
    expect(no2.provenance.period).toBe("2022–2025");
    expect(air.indicators.map((i) => i.id)).toContain("pm25-annual-mean");
  });

  it("fills all six themes of the policy plan from the demo, every indicator with a value, target and status", async () => {
    const body = ThemeList.parse(await (await get("/api/v1/themes", policy)).json());
    expect(body.themes.map((t) => t.id)).toEqual(["air-quality", "noise", "energy", "climate-adaptation", "circular-economy", "soil"]);
    const indicators = body.themes.flatMap((t) => t.indicators);
    expect(indicators.length).toBeGreaterThanOrEqual(15);
    for (const indicator of indicators) {
      expect(indicator.latest, indicator.id).not.toBeNull();
      expect(indicator.target, indicator.id).not.toBeNull();
      expect(indicator.status.code, indicator.id).not.toBe("no-data");
      expect(indicator.provenance.runId, indicator.id).toBeGreaterThan(0);
    }
    // The demo is made so the plan shows both good news and bad news.
    const codes = new Set(indicators.map((i) => i.status.code));
    expect(codes.has("off-track") && (codes.has("on-track") || codes.has("achieved"))).toBe(true);
  });

  it("breaks an indicator down by buurt where its data allows, with the municipality's own figure", async () => {
    const city = Series.parse(await (await get("/api/v1/indicators/gas-use-per-home/series", policy)).json());
    expect(city.points.every((p) => p.areaCode === "GM9999" && p.areaName === "Groenmeer")).toBe(true);
    const buurten = Series.parse(await (await get("/api/v1/indicators/gas-use-per-home/series?by=breakdown&from=2020&to=2020", policy)).json());
    expect(buurten.points).toHaveLength(50);
    expect(buurten.points.every((p) => /^BU9999\d{4}$/.test(p.areaCode))).toBe(true);
  });

  it("serves one theme and one indicator, and 404s unknown ids", async () => {
    const theme = await get("/api/v1/themes/air-quality", policy);
    expect(theme.status).toBe(200);
    const indicator = IndicatorSummary.parse(await (await get("/api/v1/indicators/pm25-annual-mean", policy)).json());
    expect(indicator.norms.find((n) => n.id === "who-2021")?.value).toBe(5);
    const problem = await expectProblem(await get("/api/v1/indicators/nope", policy), 404);
    expect(problem.detail).toBe('unknown indicator: "nope"');
  });

  it("serves the city series and per-station series whose mean is the city value", async () => {
    const city = Series.parse(await (await get("/api/v1/indicators/no2-annual-mean/series", policy)).json());
    expect(city.points.map((p) => p.period)).toEqual(["2022", "2023", "2024", "2025"]);
    const stations = Series.parse(await (await get("/api/v1/indicators/no2-annual-mean/series?by=breakdown&from=2024&to=2024", policy)).json());
    expect(new Set(stations.points.map((p) => p.period))).toEqual(new Set(["2024"]));
    const valid = stations.points.map((p) => p.value).filter((v): v is number => v !== null);
    const mean = valid.reduce((a, b) => a + b, 0) / valid.length;
    expect(city.points.find((p) => p.period === "2024")!.value).toBeCloseTo(mean, 1);
  });

  it("serves the series as CSV with a BOM and as an Arrow IPC stream", async () => {
    const csv = await get("/api/v1/indicators/no2-annual-mean/series", policy, { accept: "text/csv" });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("indicator,period,area_code,area_name,level,value,suppressed,coverage,unit");
    expect(text.trim().split("\r\n")).toHaveLength(2 + 4);
    const arrow = await get("/api/v1/indicators/no2-annual-mean/series", policy, { accept: "application/vnd.apache.arrow.stream" });
    const table = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
    expect(table.numRows).toBe(4);
    expect(table.getChild("period")!.toArray()).toEqual(["2022", "2023", "2024", "2025"]);
    // Periods also as the millisecond timestamp of their start.
    expect(table.schema.fields.find((f) => f.name === "periodStart")!.type.toString()).toBe("Timestamp<MILLISECOND, UTC>");
    expect(Number(table.getChild("periodStart")!.get(0))).toBe(Date.UTC(2022, 0, 1));
  });

  it.each([
    ["from=twenty", "from"],
    ["by=wijk", "by"],
    ["from=2025&to=2022", "from"],
    ["area=GM0001", "area"],
    ["area=wijk-1", "area"],
    // Air quality is published for the municipality only (with its stations as breakdown).
    ["area=WK999901", "area"],
    ["colour=red", "colour"],
  ])("answers a bad query (%s) with 400 naming the parameter", async (query, parameter) => {
    const problem = await expectProblem(await get(`/api/v1/indicators/no2-annual-mean/series?${query}`, policy), 400);
    expect(problem.detail).toContain(parameter);
  });
});

describe("areas", () => {
  it("serves boundaries per level as GeoJSON, and 400s an unknown level", async () => {
    const response = await get("/api/v1/areas?level=wijk", policy);
    expect(response.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    const body = (await response.json()) as { type: string; features: { properties: { code: string; parent: string }; geometry: { type: string } }[] };
    expect(body.type).toBe("FeatureCollection");
    expect(body.features).toHaveLength(10);
    expect(body.features[0]).toMatchObject({ properties: { code: "WK999901", parent: "GM9999" }, geometry: { type: "MultiPolygon" } });
    expect((await get("/api/v1/areas", policy)).status).toBe(200);
    const problem = await expectProblem(await get("/api/v1/areas?level=provincie", policy), 400);
    expect(problem.detail).toContain("level");
  });
});

describe("stations", () => {
  it("gives a permit officer the station list and a detail with hourly values and exceedance days", async () => {
    const list = StationList.parse(await (await get("/api/v1/stations", permit)).json());
    expect(list.stations.length).toBe(3);
    // Assigned at ingest by point-in-polygon against the demo's buurten.
    expect(list.stations.every((s) => /^BU9999\d{4}$/.test(s.buurtCode ?? ""))).toBe(true);
    const number = list.stations[0]!.number;
    const detail = StationDetail.parse(await (await get(`/api/v1/stations/${number}?days=7`, permit)).json());
    expect(detail.station.number).toBe(number);
    const hours = (Date.parse(detail.to) - Date.parse(detail.from)) / 3_600_000;
    expect(hours).toBeLessThanOrEqual(7 * 24);
    expect(detail.hourly.length).toBeGreaterThan(100);
    const pm10 = detail.exceedances.filter((e) => e.formula === "PM10" && e.norm.value === 50);
    expect(pm10.map((e) => e.year)).toEqual([2022, 2023, 2024, 2025]);
    expect(pm10.every((e) => e.allowedDays === 35 && e.days >= 0)).toBe(true);
  });

  it("404s an unknown station and 400s a malformed number", async () => {
    await expectProblem(await get("/api/v1/stations/NL00000", permit), 404);
    const problem = await expectProblem(await get("/api/v1/stations/drop%20table", permit), 400);
    expect(problem.detail).toContain("number");
  });
});

describe("plumbing", () => {
  it("reports health without a login", async () => {
    const response = await get("/healthz");
    expect(Health.parse(await response.json())).toEqual({ status: "ok", database: true });
  });

  it("sets strict security headers", async () => {
    const response = await get("/healthz");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    // Not served over TLS here, so no HSTS (MM_SECURE_COOKIES turns it on behind HTTPS).
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("answers unknown API paths and trailing slashes with a 404 problem", async () => {
    await expectProblem(await get("/api/v1/nothing", policy), 404);
    await expectProblem(await get("/api/v1/themes/", policy), 404);
  });

  it("answers malformed JSON with a 400 problem, not a stack trace", async () => {
    const response = await fetch(`${monitor.url}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    const problem = await expectProblem(response, 400);
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.ts/);
  });
});

describe("the client", () => {
  it("is served with index.html revalidated and hashed assets cached for good", async () => {
    const index = await get("/");
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const html = await index.text();
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    const script = await get(asset);
    expect(script.status).toBe(200);
    expect(script.headers.get("cache-control")).toContain("immutable");
  });

  it("sends the build's brotli and gzip copies to a client that accepts them, the same bytes once decoded", async () => {
    const html = await (await get("/")).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
    for (const asset of assets) {
      const plain = await rawGet(asset, "identity");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      // A file under 1 KB has no compressed copy: its headers would cost more than they save.
      if (plain.body.length < 1024) {
        expect((await rawGet(asset, "br, gzip")).headers["content-encoding"], asset).toBeUndefined();
        continue;
      }
      for (const [accept, encoding, decode] of [
        ["br, gzip", "br", brotliDecompressSync],
        ["gzip, deflate", "gzip", gunzipSync],
      ] as const) {
        const packed = await rawGet(asset, accept);
        expect(packed.status, asset).toBe(200);
        expect(packed.headers["content-encoding"], asset).toBe(encoding);
        expect(packed.headers["content-type"], asset).toBe(plain.headers["content-type"]);
        expect(packed.headers["vary"], asset).toMatch(/accept-encoding/i);
        expect(packed.headers["cache-control"], asset).toContain("immutable");
        expect(packed.body.length, asset).toBeLessThan(plain.body.length);
        expect(decode(packed.body).equals(plain.body), asset).toBe(true);
      }
    }
  });

  it("describes the monitor to search engines and link previews", async () => {
    expect(await (await get("/")).text()).toMatch(/<meta name="description" content="[^"]{40,}"/);
  });
});

/** A GET whose body is left as sent (fetch would decode it), with the Accept-Encoding given. */
function rawGet(path: string, acceptEncoding: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${monitor.url}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}
