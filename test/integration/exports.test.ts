/** A station's hourly measurements as a streamed CSV export: complete, chunked, cancellable. */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let permit: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  permit = await login(monitor.url, "permit");
});
afterAll(() => monitor?.close());

const exportUrl = (query: string) => `${monitor.url}/api/v1/stations/NL99001/measurements?${query}`;

describe("measurement export", () => {
  it("streams every hourly value of the period as CSV with its source, chunked", async () => {
    const response = await fetch(exportUrl("from=2024-01-01&to=2025-01-01"), { headers: { cookie: permit.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes)
      .split("\r\n")
      .filter((l) => l !== "");
    expect(lines[0]).toMatch(/^# source: Luchtmeetnet/);
    expect(lines[1]).toBe("time,station,formula,value");
    const [expected] = await monitor.db.query(
      "SELECT count(*) AS n FROM main.air_quality_measurements WHERE station_number = 'NL99001' AND timestamp_measured >= '2024-01-01' AND timestamp_measured < '2025-01-01'",
    );
    expect(lines.length - 2).toBe(expected!.n);
    expect(lines.length - 2).toBeGreaterThan(2048 * 3);
    expect(lines[2]).toMatch(/^2024-01-01T\d\d:00:00Z,NL99001,[A-Z0-9]+,-?\d/);
  });

  it("stops the query when the client goes away, and keeps serving", async () => {
    const client = new AbortController();
    const response = await fetch(exportUrl("from=2000-01-01&to=2030-01-01"), { headers: { cookie: permit.cookie }, signal: client.signal });
    const reader = response.body!.getReader();
    await reader.read();
    client.abort();
    await reader.read().catch(() => undefined);
    expect((await fetch(`${monitor.url}/healthz`)).status).toBe(200);
    const again = await fetch(exportUrl("from=2024-01-01&to=2024-01-02"), { headers: { cookie: permit.cookie } });
    expect(again.status).toBe(200);
    expect((await again.text()).split("\r\n").filter((l) => l !== "").length).toBeGreaterThan(2);
  });

  it.each([
    ["from=2024-13-01&to=2025-01-01", 400],
    ["from=2025-01-01&to=2024-01-01", 400],
    ["to=2025-01-01", 400],
  ])("answers %s with %i naming the parameter", async (query, status) => {
    const response = await fetch(exportUrl(query), { headers: { cookie: permit.cookie } });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { invalidParams: { name: string }[] }).invalidParams[0]!.name).toBe("from");
  });

  it("answers an unknown station with 404 and a policy officer with 403", async () => {
    expect(
      (await fetch(`${monitor.url}/api/v1/stations/NL00000/measurements?from=2024-01-01&to=2025-01-01`, { headers: { cookie: permit.cookie } })).status,
    ).toBe(404);
    const policy = await login(monitor.url, "policy");
    expect((await fetch(exportUrl("from=2024-01-01&to=2025-01-01"), { headers: { cookie: policy.cookie } })).status).toBe(403);
  });
});
