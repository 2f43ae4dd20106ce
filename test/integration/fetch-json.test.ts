import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetchJson } from "../../pipelines/framework/fetch-json.ts";

type Reply = (res: http.ServerResponse) => void;
const replies = new Map<string, Reply[]>();
const hits = new Map<string, number>();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const queue = replies.get(req.url!) ?? [];
    hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
    (queue.shift() ?? ((r) => r.writeHead(404).end()))(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const json = (body: string, status = 200): Reply => (res) => res.writeHead(status, { "content-type": "application/json" }).end(body);
const fetchJson = createFetchJson({ baseDelayMs: 1, retries: 3, maxBytes: 1000 });

describe("fetchJson", () => {
  it("backs off exponentially with jitter between attempts", async () => {
    replies.set("/flakier", [json("{}", 500), json("{}", 500), json("{}", 500), json('{"ok":2}')]);
    const delays: number[] = [];
    const fetchWithRecordedWaits = createFetchJson({ baseDelayMs: 100, retries: 3, sleep: async (ms) => void delays.push(ms) });
    expect(await fetchWithRecordedWaits(`${base}/flakier`)).toEqual({ ok: 2 });
    expect(delays).toHaveLength(3);
    delays.forEach((delay, attempt) => {
      expect(delay).toBeGreaterThanOrEqual(50 * 2 ** attempt);
      expect(delay).toBeLessThanOrEqual(100 * 2 ** attempt);
    });
  });

  it("retries server errors and honours Retry-After on 429", async () => {
    replies.set("/flaky", [json("{}", 500), (res) => res.writeHead(429, { "retry-after": "0" }).end(), json('{"ok":true}')]);
    expect(await fetchJson(`${base}/flaky`)).toEqual({ ok: true });
    expect(hits.get("/flaky")).toBe(3);
  });

  it("retries a 503 after its Retry-After and then succeeds", async () => {
    replies.set("/busy", [(res) => res.writeHead(503, { "retry-after": "1" }).end(), json('{"ok":1}')]);
    const delays: number[] = [];
    const recordingSleep = async (ms: number) => void delays.push(ms);
    const fetchWithRecordedWaits = createFetchJson({ baseDelayMs: 1, retries: 1, sleep: recordingSleep });
    expect(await fetchWithRecordedWaits(`${base}/busy`)).toEqual({ ok: 1 });
    // The wait comes from Retry-After (1 s), not from the 1 ms backoff.
    expect(delays).toEqual([1000]);
  });

  it("retries a body cut off mid-transfer", async () => {
    replies.set("/cut", [
      (res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"data": [1, 2');
        res.socket?.destroy();
      },
      json('{"data":[1,2,3]}'),
    ]);
    expect(await fetchJson(`${base}/cut`)).toEqual({ data: [1, 2, 3] });
    expect(hits.get("/cut")).toBe(2);
  });

  it("gives up after the retries with the last status", async () => {
    replies.set("/down", Array.from({ length: 5 }, () => json("{}", 502)));
    await expect(fetchJson(`${base}/down`)).rejects.toThrow(/HTTP 502/);
    expect(hits.get("/down")).toBe(4);
  });

  it("fails at once on HTML where JSON was expected, on broken JSON and on oversized bodies", async () => {
    replies.set("/html", [(res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>")]);
    await expect(fetchJson(`${base}/html`)).rejects.toThrow(/expected JSON, got content-type "text\/html"/);
    replies.set("/truncated", [json('{"data": [1, 2')]);
    await expect(fetchJson(`${base}/truncated`)).rejects.toThrow(/invalid JSON/);
    replies.set("/big", [json(JSON.stringify({ data: "x".repeat(2000) }))]);
    await expect(fetchJson(`${base}/big`)).rejects.toThrow(/exceeds the cap/);
    expect([hits.get("/html"), hits.get("/truncated"), hits.get("/big")]).toEqual([1, 1, 1]);
  });
});
