/**
 * Answers about themes and indicators come from a cache keyed on audience, URL and data version:
 * an ETag that changes with the bytes, 304 for a client that has them, gzip for one that asks, a
 * role never served another role's answer, and a publish of what an answer reads making it anew.
 * Conditional requests go through node:http: fetch adds `Cache-Control: no-cache` to a request that
 * carries If-None-Match, which rightly forbids a 304.
 */
import { gunzipSync } from "node:zlib";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findPipeline } from "../../src/pipelines/index.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let policy: Login;
let admin: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  [policy, admin] = await Promise.all([login(monitor.url, "policy"), login(monitor.url, "admin")]);
});
afterAll(() => monitor?.close());

const get = (path: string, auth: Login, headers: Record<string, string> = {}) =>
  fetch(`${monitor.url}${path}`, { headers: { cookie: auth.cookie, ...headers } });

/** The raw bytes and headers, without fetch's transparent decompression. */
function raw(path: string, auth: Login, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${monitor.url}${path}`, { headers: { cookie: auth.cookie, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

async function publish(name: string) {
  const result = await monitor.runner.run(findPipeline(name)!, "manual");
  expect(result.status).toBe("succeeded");
}

const ODOUR_BUURT = "/api/v1/indicators/odour-complaints/areas?level=buurt";

describe("the answer cache", () => {
  it("answers a repeated request with the same ETag, and 304 to a client that holds it", async () => {
    const first = await get("/api/v1/themes", policy);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"[\w-]{22}"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.headers.get("vary")).toMatch(/Cookie/);
    const body = await first.text();
    const again = await get("/api/v1/themes", policy);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe(body);
    const notModified = await raw("/api/v1/themes", policy, { "if-none-match": etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers["x-data-version"]).toBe(first.headers.get("x-data-version"));
  });

  it("keys answers on the parsed query, so junk parameters neither miss nor fill the cache", async () => {
    const plain = await get("/api/v1/indicators/green-share/series?from=2018", policy);
    const junk = await get("/api/v1/themes?junk=1", policy);
    expect(junk.headers.get("etag")).toBe((await get("/api/v1/themes", policy)).headers.get("etag"));
    const reordered = await get("/api/v1/indicators/green-share/series?format=json&from=2018", policy);
    expect(reordered.headers.get("etag")).toBe(plain.headers.get("etag"));
    const narrower = await get("/api/v1/indicators/green-share/series?from=2023", policy);
    const points = async (r: Response) => ((await r.json()) as { points: unknown[] }).points.length;
    expect(await points(narrower)).toBeLessThan(await points(plain));
    expect(narrower.headers.get("etag")).not.toBe(plain.headers.get("etag"));
  });

  it("gzips for a client that accepts it, with the same bytes inside", async () => {
    const plain = await raw("/api/v1/themes", policy, {});
    const zipped = await raw("/api/v1/themes", policy, { "accept-encoding": "gzip, deflate" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
  });

  it("never gives one role the answer another role got", async () => {
    const forPolicy = await get(ODOUR_BUURT, policy);
    const forAdmin = await get(ODOUR_BUURT, admin);
    const [policyBody, adminBody] = [await forPolicy.json(), await forAdmin.json()];
    // Disclosure control: the policy role's answer has suppressed cells, the admin's none.
    expect(JSON.stringify(policyBody)).toContain('"suppressed":true');
    expect(JSON.stringify(adminBody)).not.toContain('"suppressed":true');
    expect(forAdmin.headers.get("etag")).not.toBe(forPolicy.headers.get("etag"));
    // The policy role's ETag from the admin is no match: the admin gets the whole answer.
    const adminWithPolicyTag = await raw(ODOUR_BUURT, admin, { "if-none-match": forPolicy.headers.get("etag")! });
    expect(adminWithPolicyTag.status).toBe(200);
    expect(JSON.parse(adminWithPolicyTag.body.toString())).toEqual(adminBody);
  });

  it("keeps CSV and JSON of one URL apart", async () => {
    const csv = await get("/api/v1/indicators/no2-annual-mean/series", policy, { accept: "text/csv" });
    const json = await get("/api/v1/indicators/no2-annual-mean/series", policy, { accept: "application/json" });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(csv.headers.get("etag")).not.toBe(json.headers.get("etag"));
  });

  it("builds an answer anew after a publish of what it reads, and only then", async () => {
    const before = await get(ODOUR_BUURT, policy);
    const [etag, version] = [before.headers.get("etag")!, before.headers.get("x-data-version")];
    const runBefore = ((await before.json()) as { provenance: { runId: number } }).provenance.runId;

    // Waste is not read by odour complaints: same version, and still 304.
    await publish("waste");
    const unrelated = await raw(ODOUR_BUURT, policy, { "if-none-match": etag });
    expect(unrelated.status).toBe(304);
    expect(unrelated.headers["x-data-version"]).toBe(version);

    await publish("complaints");
    const after = await raw(ODOUR_BUURT, policy, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers["x-data-version"]).not.toBe(version);
    expect((JSON.parse(after.body.toString()) as { provenance: { runId: number } }).provenance.runId).toBeGreaterThan(runBefore);
  });
});
