import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetchJson, UpstreamError, withWaitBudget } from "../../src/pipelines/framework/fetch-json.ts";
import { localize } from "../../src/ground/i18n/localize.ts";

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
afterAll(
  () =>
    new Promise((resolve) => {
      // Stalled answers would keep their sockets open.
      server.closeAllConnections();
      server.close(resolve);
    }),
);

const json =
  (body: string, status = 200): Reply =>
  (res) =>
    res.writeHead(status, { "content-type": "application/json" }).end(body);
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
    replies.set(
      "/down",
      Array.from({ length: 5 }, () => json("{}", 502)),
    );
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

/** The error a fetch failed with, in both languages as the run stores it. */
async function failure(promise: Promise<unknown>): Promise<{ en: string; nl: string; permanent: boolean }> {
  const error = await promise.then(
    () => expect.unreachable("the request succeeded"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return { ...localize((error as UpstreamError).text), permanent: (error as UpstreamError).permanent };
}

/** A sleep that only records what it was asked to wait. */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

/** A Retry-After as an HTTP date, this many seconds after `now`. */
const httpDate = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toUTCString();
const NOW = new Date("2026-03-02T09:00:00Z");

describe("fetchJson's wait budget (Retry-After)", () => {
  it("fails at once, without waiting, when Retry-After asks for more than the run may wait, naming the URL, the wait and the setting", async () => {
    replies.set("/day", [(res) => res.writeHead(429, { "retry-after": "86400" }).end(), json("{}")]);
    const { delays, sleep } = recordingSleep();
    const fetchJson = createFetchJson({ baseDelayMs: 1, retries: 3, maxWaitMs: 5 * 60_000, sleep });
    expect(await failure(fetchJson(`${base}/day`))).toEqual({
      en: `${base}/day: HTTP 429 asks to wait 86400 s (Retry-After), longer than the 300 s this run may still wait; raise MM_UPSTREAM_MAX_WAIT_MINUTES (now 5 min) or run the pipeline later`,
      nl: `${base}/day: HTTP 429 vraagt 86400 s te wachten (Retry-After), langer dan de 300 s die deze run nog mag wachten; verhoog MM_UPSTREAM_MAX_WAIT_MINUTES (nu 5 min) of draai de pijplijn later`,
      permanent: true,
    });
    expect(delays).toEqual([]);
    expect(hits.get("/day")).toBe(1);
  });

  it("honours a Retry-After HTTP date within the budget, measured against the injected clock", async () => {
    replies.set("/dated", [(res) => res.writeHead(503, { "retry-after": httpDate(NOW, 90) }).end(), json('{"ok":"dated"}')]);
    const { delays, sleep } = recordingSleep();
    const fetchJson = createFetchJson({ baseDelayMs: 1, retries: 1, sleep, clock: () => NOW });
    expect(await fetchJson(`${base}/dated`)).toEqual({ ok: "dated" });
    expect(delays).toEqual([90_000]);
  });

  it("fails on an HTTP date too far ahead, giving the wait in seconds", async () => {
    replies.set("/dated-far", [(res) => res.writeHead(503, { "retry-after": httpDate(NOW, 7200) }).end()]);
    const fetchJson = createFetchJson({ baseDelayMs: 1, retries: 1, maxWaitMs: 60_000, sleep: recordingSleep().sleep, clock: () => NOW });
    expect((await failure(fetchJson(`${base}/dated-far`))).en).toMatch(
      /^http:\S+\/dated-far: HTTP 503 asks to wait 7200 s \(Retry-After\), longer than the 60 s this run may still wait; .*\(now 1 min\)/,
    );
  });

  it("shares the budget between all requests of one run, and gives the next run a full one", async () => {
    const twice = () => [(res: http.ServerResponse) => res.writeHead(429, { "retry-after": "60" }).end(), json('{"ok":true}')];
    replies.set("/first", twice());
    replies.set("/second", twice());
    const { delays, sleep } = recordingSleep();
    const fetchJson = createFetchJson({ baseDelayMs: 1, retries: 1, maxWaitMs: 90_000, sleep });
    const run = withWaitBudget(fetchJson);
    expect(await run(`${base}/first`)).toEqual({ ok: true });
    const second = await failure(run(`${base}/second`));
    expect(second.en).toBe(
      `${base}/second: HTTP 429 asks to wait 60 s (Retry-After), longer than the 30 s this run may still wait; raise MM_UPSTREAM_MAX_WAIT_MINUTES (now 1.5 min) or run the pipeline later`,
    );
    expect(second.nl).toContain("langer dan de 30 s die deze run nog mag wachten; verhoog MM_UPSTREAM_MAX_WAIT_MINUTES (nu 1,5 min)");
    expect(delays).toEqual([60_000]);
    replies.set("/second", twice());
    expect(await withWaitBudget(fetchJson)(`${base}/second`)).toEqual({ ok: true });
    expect(delays).toEqual([60_000, 60_000]);
  });

  it("stops retrying once backoff has used up the budget, saying so (a budget of 0: no waits, so no retries)", async () => {
    replies.set("/no-wait", [json("{}", 500), json('{"ok":true}')]);
    const { delays, sleep } = recordingSleep();
    const fetchJson = createFetchJson({ baseDelayMs: 1, retries: 3, maxWaitMs: 0, sleep });
    expect(await failure(fetchJson(`${base}/no-wait`))).toEqual({
      en: `${base}/no-wait: answered HTTP 500 (stopped after attempt 1: this run has already waited the 0 min of MM_UPSTREAM_MAX_WAIT_MINUTES)`,
      nl: `${base}/no-wait: antwoord HTTP 500 (gestopt na poging 1: deze run heeft de 0 min van MM_UPSTREAM_MAX_WAIT_MINUTES al gewacht)`,
      permanent: false,
    });
    expect(delays).toEqual([]);
  });
});

describe("fetchJson's errors name the URL and what happened, in Dutch and English", () => {
  /** Headers announcing `length` bytes, part of the body, then nothing more (the socket stays open). */
  const stall =
    (sent: string, length = 100): Reply =>
    (res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(length) });
      res.write(sent);
    };
  const cut =
    (sent: string, headers: http.OutgoingHttpHeaders): Reply =>
    (res) => {
      res.writeHead(200, { "content-type": "application/json", ...headers });
      res.write(sent, () => res.socket?.destroy());
    };

  it("says how many of the announced bytes came when the connection closed mid-body", async () => {
    replies.set("/cut-short", [cut('{"data": [1, 2', { "content-length": "100" }), cut('{"data": [1, 2', { "content-length": "100" })]);
    const fetchJson = createFetchJson({ baseDelayMs: 1, retries: 1 });
    expect(await failure(fetchJson(`${base}/cut-short`))).toEqual({
      en: `${base}/cut-short: answer cut off after 14 bytes (of 100 announced) (gave up after 2 attempts)`,
      nl: `${base}/cut-short: antwoord afgebroken na 14 bytes (van de 100 aangekondigde) (opgegeven na 2 pogingen)`,
      permanent: false,
    });
  });

  it("says how many bytes came when a chunked body broke off", async () => {
    replies.set("/cut-chunked", [cut('{"data": [1, 2, 3', {})]);
    const fetchJson = createFetchJson({ baseDelayMs: 1, retries: 0 });
    expect((await failure(fetchJson(`${base}/cut-chunked`))).en).toBe(`${base}/cut-chunked: connection closed after 17 bytes, before the end of the answer`);
  });

  it("fails a body that stops coming after the idle timeout, saying for how long and after how many bytes", async () => {
    replies.set("/stalled", [stall('{"data": ['), stall('{"data": [')]);
    const fetchJson = createFetchJson({ baseDelayMs: 1, retries: 1, idleTimeoutMs: 200 });
    expect(await failure(fetchJson(`${base}/stalled`))).toEqual({
      en: `${base}/stalled: no data for 0.2 s, after 10 bytes (gave up after 2 attempts)`,
      nl: `${base}/stalled: 0,2 s lang geen gegevens, na 10 bytes (opgegeven na 2 pogingen)`,
      permanent: false,
    });
  });

  it("fails a request that gets no answer at all after the idle timeout", async () => {
    replies.set("/silent", [() => {}]);
    const fetchJson = createFetchJson({ retries: 0, idleTimeoutMs: 200 });
    expect(await failure(fetchJson(`${base}/silent`))).toMatchObject({
      en: `${base}/silent: no answer for 0.2 s`,
      nl: `${base}/silent: 0,2 s lang geen antwoord`,
    });
  });

  it("caps a body that trickles in with the overall timeout", async () => {
    replies.set("/trickle", [
      (res) => {
        res.writeHead(200, { "content-type": "application/json" });
        const timer = setInterval(() => res.write(" "), 20);
        res.on("close", () => clearInterval(timer));
      },
    ]);
    const fetchJson = createFetchJson({ retries: 0, idleTimeoutMs: 10_000, timeoutMs: 300 });
    const { en, nl } = await failure(fetchJson(`${base}/trickle`));
    expect(en).toMatch(new RegExp(`^${base}/trickle: answer not complete within 0\\.3 s \\(\\d+ bytes received\\)$`));
    expect(nl).toMatch(new RegExp(`^${base}/trickle: antwoord niet compleet binnen 0,3 s \\(\\d+ bytes ontvangen\\)$`));
  });

  it("names the URL of a refused connection and of a failed TLS handshake", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const fetchJson = createFetchJson({ baseDelayMs: 1, retries: 1 });
    expect(await failure(fetchJson(`http://127.0.0.1:${port}/x`))).toEqual({
      en: `http://127.0.0.1:${port}/x: connection refused (gave up after 2 attempts)`,
      nl: `http://127.0.0.1:${port}/x: verbinding geweigerd (opgegeven na 2 pogingen)`,
      permanent: false,
    });
    // HTTPS to a plain-HTTP port: a real handshake failure on loopback, not retried.
    const tls = await failure(fetchJson(`${base.replace("http:", "https:")}/tls`));
    // The code is OpenSSL's (ERR_SSL_WRONG_VERSION_NUMBER with Node 20's OpenSSL 3).
    expect(tls.en).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/tls: TLS failed \(ERR_SSL_[A-Z_]+: .+\)$/);
    expect(tls.nl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/tls: TLS mislukt \(ERR_SSL_[A-Z_]+: .+\)$/);
    expect(tls.permanent).toBe(true);
  });

  it("names the host that DNS did not find", async () => {
    // No resolver in tests: the error undici gives for an unknown host, from an injected fetch.
    const notFound = Object.assign(new Error("getaddrinfo ENOTFOUND upstream.invalid"), { code: "ENOTFOUND" });
    const fetchJson = createFetchJson({ retries: 0, fetch: () => Promise.reject(new TypeError("fetch failed", { cause: notFound })) });
    expect(await failure(fetchJson("https://upstream.invalid/v1/x"))).toMatchObject({
      en: "https://upstream.invalid/v1/x: host upstream.invalid not found (ENOTFOUND)",
      nl: "https://upstream.invalid/v1/x: host upstream.invalid niet gevonden (ENOTFOUND)",
    });
  });

  it("names the URL of an HTTP error, HTML instead of JSON and broken JSON, in both languages", async () => {
    replies.set("/gone", [json("{}", 404)]);
    replies.set("/page", [(res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>")]);
    replies.set("/broken", [json('{"data": [1, 2')]);
    expect(await failure(fetchJson(`${base}/gone`))).toEqual({ en: `${base}/gone: answered HTTP 404`, nl: `${base}/gone: antwoord HTTP 404`, permanent: true });
    expect((await failure(fetchJson(`${base}/page`))).nl).toBe(`${base}/page: JSON verwacht, kreeg content-type "text/html"`);
    expect((await failure(fetchJson(`${base}/broken`))).nl).toMatch(new RegExp(`^${base}/broken: ongeldige JSON \\(.+\\)$`));
  });

  it("keeps credentials and key-like query parameters out of the message", async () => {
    replies.set("/keyed?page=2&api_key=s3cret", [json("{}", 403)]);
    const keyed = await failure(fetchJson(`${base}/keyed?page=2&api_key=s3cret`));
    expect(keyed.en).toBe(`${base}/keyed?page=2&api_key=***: answered HTTP 403`);
    // fetch refuses a URL with credentials, quoting the URL: the message quotes it redacted.
    const withPassword = await failure(fetchJson(base.replace("//", "//reader:hunter2@") + "/mirror"));
    expect(withPassword.en).toMatch(/^http:\/\/\*\*\*@127\.0\.0\.1:\d+\/mirror: request failed \(/);
    expect(JSON.stringify([keyed, withPassword])).not.toMatch(/s3cret|hunter2/);
  });
});
