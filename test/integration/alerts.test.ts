/**
 * Alerts end to end: the real monitor on the test demo, its pipelines run against the loopback
 * upstream (faults injected there), and a loopback webhook receiver. Each condition opens one alert
 * and one signed `opened` event; its end resolves it with one `resolved` event; evaluating again
 * while nothing changed sends nothing; a receiver that fails once gets a retry, and an alert's events
 * arrive in order even then. The API shows each role only the kinds it may see. Each test sets up the
 * alerts it needs and leaves no alert open that the others do not expect, so each also passes alone.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import airQualityMeasurements from "../../src/pipelines/air-quality-measurements.ts";
import airQualityStations from "../../src/pipelines/air-quality-stations.ts";
import type { PipelineDefinition } from "../../src/pipelines/framework/define-pipeline.ts";
import { createFetchJson } from "../../src/pipelines/framework/fetch-json.ts";
import { createAlertMonitor } from "../../src/engine/alerts/alert-monitor.ts";
import { loadAlertRules } from "../../src/engine/alerts/alert-rules.ts";
import { AlertEvent, AlertList } from "../../src/ground/contract/contract-alerts.ts";
import { ThemeList } from "../../src/ground/contract/contract.ts";
import { loadConfig, type Config } from "../../src/app/config.ts";
import { lineLogger } from "../../src/ground/logger.ts";
import { createPipelineService } from "../../src/engine/pipelines/pipeline-service.ts";
import { startMonitor, type Monitor } from "../../src/app/start-monitor.ts";
import { clock, login } from "../support/test-server.ts";
import { editPages, failWith, switchable } from "../support/upstream-faults.ts";
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from "../support/webhook-receiver.ts";

const SECRET = "alert-test-secret-0123456789";
const intercept = switchable();
let monitor: Monitor;
let receiver: WebhookReceiver;
let tmp: string;
let config: Config;
/** Set by a test: the next webhook attempt waits for it before it is sent. */
let holdNextAttempt: Promise<void> | null = null;
const webhookFetch: typeof fetch = async (input, init) => {
  const hold = holdNextAttempt;
  holdNextAttempt = null;
  if (hold) await hold;
  return fetch(input, init);
};

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  tmp = mkdtempSync(path.join(os.tmpdir(), "mm-alerts-"));
  config = loadConfig(
    {},
    {
      PORT: 0,
      MM_DB: path.join(tmp, "test.duckdb"),
      MM_DEMO: true,
      MM_DEMO_DIR: inject("demoDir"),
      MM_DB_RESERVE_MB: 0,
      MM_ALERT_WEBHOOK_URL: receiver.url,
      MM_ALERT_WEBHOOK_SECRET: SECRET,
    },
  );
  monitor = await startMonitor({
    config,
    clock,
    fetchJson: createFetchJson({ baseDelayMs: 5, retries: 2 }),
    intercept,
    schedule: false,
    alertWebhook: { fetch: webhookFetch, retryDelaysMs: [5, 5] },
  });
  for (const result of await monitor.startupRuns) expect(result.status).toBe("succeeded");
  await monitor.alerts.idle();
});
afterAll(async () => {
  await monitor?.close();
  await receiver?.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => intercept.use(null));

/** The events received from `from` on, each checked against its signature and parsed. */
function eventsSince(from: number): (AlertEvent & { hook: ReceivedHook })[] {
  return receiver.received.slice(from).map((hook) => {
    const expected = `sha256=${createHmac("sha256", SECRET).update(hook.body).digest("hex")}`;
    const given = String(hook.headers["x-milieumonitor-signature"]);
    expect(given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))).toBe(true);
    expect(hook.headers["content-type"]).toBe("application/json");
    return { ...AlertEvent.parse(JSON.parse(hook.body)), hook };
  });
}

async function run(pipeline: PipelineDefinition) {
  const result = await monitor.runner.run(pipeline, "manual");
  await monitor.alerts.idle();
  return result;
}

async function openAlerts(kind: string) {
  return monitor.db.query(
    "SELECT alert_id, subject, delivery_status, delivery_attempts FROM meta.alerts WHERE kind = $1 AND resolved_at IS NULL ORDER BY subject",
    [kind],
  );
}

async function getAlerts(username: string, query = "") {
  const { cookie } = await login(monitor.url, username);
  return fetch(`${monitor.url}/api/v1/alerts${query}`, { headers: { cookie } });
}

/** Runs the station list with no fault, which resolves a pipeline-failed alert left open for it. */
async function resolveStationsFailure() {
  intercept.use(null);
  if ((await openAlerts("pipeline-failed")).some((a) => a.subject === "air-quality-stations")) expect((await run(airQualityStations)).status).toBe("succeeded");
}

/** Adds `add` to a station's PM10 values of the last days only, so annual means (and indicators) barely move. */
const raisePm10 = (station: string, add: number, since: string) => (data: Record<string, unknown>[]) =>
  data.map((m) =>
    m.station_number === station && m.formula === "PM10" && String(m.timestamp_measured) >= since ? { ...m, value: (m.value as number) + add } : m,
  );

/** Loads measurements in which NL99003's last day is above the PM10 24-hour value (+40 on its 15–25 µg/m³). */
async function raiseStationDay() {
  intercept.use(editPages(inject("demoDir"), (url) => url.startsWith("/luchtmeetnet/measurements"), raisePm10("NL99003", 40, "2025-12-29")));
  expect((await run(airQualityMeasurements)).status).toBe("succeeded");
}

/** Loads the measurements as they are, which resolves the station-24h alert of raiseStationDay(). */
async function restoreStationDay() {
  intercept.use(null);
  expect((await run(airQualityMeasurements)).status).toBe("succeeded");
}

describe("alerts", () => {
  it("opens an alert for every off-track indicator at start, one signed event each", async () => {
    const { cookie } = await login(monitor.url, "policy");
    const themes = ThemeList.parse(await (await fetch(`${monitor.url}/api/v1/themes`, { headers: { cookie } })).json());
    const offTrack = themes.themes.flatMap((t) => t.indicators.filter((i) => i.status.code === "off-track").map((i) => i.id)).sort();
    expect(offTrack.length).toBeGreaterThan(0);
    expect((await openAlerts("indicator-off-track")).map((a) => a.subject)).toEqual(offTrack);
    const opened = eventsSince(0).filter((e) => e.alert.kind === "indicator-off-track");
    expect(opened.map((e) => e.alert.subject).sort()).toEqual(offTrack);
    expect(opened.every((e) => e.event === "opened" && e.alert.resolvedAt === null && e.alert.link === `/#/indicators/${e.alert.subject}`)).toBe(true);
    expect(opened[0]!.alert.message.nl).toMatch(/is niet op koers/);
  });

  it("opens a pipeline-failed alert once when a run fails, and resolves it when a run succeeds", async () => {
    await resolveStationsFailure();
    const from = receiver.received.length;
    intercept.use(failWith(404, (url) => url.startsWith("/luchtmeetnet/stations?")));
    expect((await run(airQualityStations)).status).toBe("failed");
    const [opened, ...more] = eventsSince(from);
    expect(more).toEqual([]);
    expect(opened).toMatchObject({
      event: "opened",
      alert: { kind: "pipeline-failed", subject: "air-quality-stations", link: "/#/pipelines/air-quality-stations" },
    });
    expect(opened!.alert.message.en).toContain("HTTP 404");
    expect(await openAlerts("pipeline-failed")).toEqual([
      { alert_id: opened!.alert.id, subject: "air-quality-stations", delivery_status: "delivered", delivery_attempts: 1 },
    ]);

    // Failing again while it is open: no second alert, no second event.
    expect((await run(airQualityStations)).status).toBe("failed");
    expect(receiver.received.length).toBe(from + 1);

    intercept.use(null);
    expect((await run(airQualityStations)).status).toBe("succeeded");
    const [resolved, ...after] = eventsSince(from + 1);
    expect(after).toEqual([]);
    expect(resolved).toMatchObject({
      event: "resolved",
      alert: {
        id: opened!.alert.id,
        kind: "pipeline-failed",
        resolvedAt: clock()
          .toISOString()
          .replace(/\.\d+Z$/, "Z"),
      },
    });
    expect(await openAlerts("pipeline-failed")).toEqual([]);
  });

  it("opens a station-24h alert when a station's latest daily mean exceeds the EU 24-hour value, and resolves it", async () => {
    const from = receiver.received.length;
    expect((await openAlerts("station-24h")).map((a) => a.subject)).not.toContain("NL99003/PM10");
    await raiseStationDay();
    const opened = eventsSince(from).filter((e) => e.alert.kind === "station-24h");
    expect(opened.map((e) => [e.event, e.alert.kind, e.alert.subject])).toEqual([["opened", "station-24h", "NL99003/PM10"]]);
    expect(opened[0]!.alert).toMatchObject({
      target: { page: "station", id: "NL99003" },
      link: "/#/stations/NL99003",
      details: { component: "PM10", limit: 50 },
    });
    expect(Number(opened[0]!.alert.details.mean)).toBeGreaterThan(50);

    await restoreStationDay();
    const resolved = eventsSince(from)
      .filter((e) => e.alert.kind === "station-24h")
      .slice(1);
    expect(resolved.map((e) => [e.event, e.alert.subject])).toEqual([["resolved", "NL99003/PM10"]]);
  });

  it("does not notify again when nothing changed", async () => {
    const from = receiver.received.length;
    const before = await monitor.db.query("SELECT count(*) AS n FROM meta.alerts");
    await monitor.alerts.evaluate();
    await monitor.alerts.evaluate();
    await monitor.alerts.idle();
    expect(receiver.received.length).toBe(from);
    expect(await monitor.db.query("SELECT count(*) AS n FROM meta.alerts")).toEqual(before);
  });

  it("retries a delivery the receiver refused and records it delivered", async () => {
    await resolveStationsFailure();
    const from = receiver.received.length;
    receiver.answerNext(500);
    intercept.use(failWith(404, (url) => url.startsWith("/luchtmeetnet/stations?")));
    try {
      expect((await run(airQualityStations)).status).toBe("failed");
      const attempts = eventsSince(from);
      expect(attempts.map((e) => e.hook.status)).toEqual([500, 200]);
      expect(attempts[0]!.hook.body).toBe(attempts[1]!.hook.body);
      expect(await openAlerts("pipeline-failed")).toEqual([
        { alert_id: attempts[0]!.alert.id, subject: "air-quality-stations", delivery_status: "delivered", delivery_attempts: 2 },
      ]);
    } finally {
      await resolveStationsFailure();
    }
  });

  it("sends an alert's resolved event only after its opened event, also while that is being retried", async () => {
    await resolveStationsFailure();
    const from = receiver.received.length;
    let release!: () => void;
    // The first attempt of the opened event waits until the condition has ended, then is refused.
    holdNextAttempt = new Promise((resolve) => (release = resolve));
    receiver.answerNext(500);
    intercept.use(failWith(404, (url) => url.startsWith("/luchtmeetnet/stations?")));
    try {
      expect((await monitor.runner.run(airQualityStations, "manual")).status).toBe("failed");
      // Not idle(): that would wait for the held delivery. The evaluations alone are awaited.
      await monitor.alerts.evaluate();
      expect((await openAlerts("pipeline-failed")).map((a) => a.subject)).toEqual(["air-quality-stations"]);
      intercept.use(null);
      expect((await monitor.runner.run(airQualityStations, "manual")).status).toBe("succeeded");
      await monitor.alerts.evaluate();
      expect(await openAlerts("pipeline-failed")).toEqual([]);
    } finally {
      release();
      holdNextAttempt = null;
      await monitor.alerts.idle();
    }
    const events = eventsSince(from);
    expect(events.map((e) => [e.event, e.hook.status])).toEqual([
      ["opened", 500],
      ["opened", 200],
      ["resolved", 200],
    ]);
    expect(new Set(events.map((e) => e.alert.id)).size).toBe(1);
  });

  it("lists to each role only the kinds it may see", async () => {
    // One resolved and one open pipeline-failed alert, and an open station-24h alert.
    await resolveStationsFailure();
    intercept.use(failWith(404, (url) => url.startsWith("/luchtmeetnet/stations?")));
    expect((await run(airQualityStations)).status).toBe("failed");
    await resolveStationsFailure();
    intercept.use(failWith(404, (url) => url.startsWith("/luchtmeetnet/stations?")));
    expect((await run(airQualityStations)).status).toBe("failed");
    await raiseStationDay();
    try {
      const policy = AlertList.parse(await (await getAlerts("policy", "?state=all")).json());
      expect(new Set(policy.alerts.map((a) => a.kind))).toEqual(new Set(["indicator-off-track"]));
      expect(policy.alerts.every((a) => a.delivery === null)).toBe(true);
      expect(policy.open).toBe((await openAlerts("indicator-off-track")).length);

      const permit = AlertList.parse(await (await getAlerts("permit", "?state=all")).json());
      expect(new Set(permit.alerts.map((a) => a.kind))).toEqual(new Set(["indicator-off-track", "station-24h"]));

      const analyst = AlertList.parse(await (await getAlerts("analyst")).json());
      const failed = analyst.alerts.find((a) => a.kind === "pipeline-failed");
      expect(failed).toMatchObject({ subject: "air-quality-stations", resolvedAt: null, delivery: { status: "delivered", attempts: 1 } });
      // Open ones only, by default; open first (newest first), then resolved with state=all.
      expect(analyst.alerts.every((a) => a.resolvedAt === null)).toBe(true);
      const all = AlertList.parse(await (await getAlerts("analyst", "?state=all")).json());
      const firstResolved = all.alerts.findIndex((a) => a.resolvedAt !== null);
      expect(firstResolved).toBe(analyst.alerts.length);
      expect(all.alerts.slice(firstResolved).every((a) => a.resolvedAt !== null)).toBe(true);
    } finally {
      await resolveStationsFailure();
      await restoreStationDay();
    }
  });

  it("answers a bad state with a 400 naming it", async () => {
    const response = await getAlerts("policy", "?state=closed");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as { invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toEqual(["state"]);
    expect((await getAlerts("policy", "?status=open")).status).toBe(400);
  });

  it("halts at once at shutdown: an evaluation in progress is abandoned, not awaited, and nothing more is evaluated", async () => {
    const before = await monitor.db.query("SELECT count(*) AS n FROM meta.alerts");
    let asked!: () => void;
    const themesAsked = new Promise<void>((resolve) => (asked = resolve));
    // Indicators that never finish computing, as a slow first computation at start-up would take long.
    const halting = createAlertMonitor({
      db: monitor.db,
      rules: loadAlertRules(config.MM_ALERTS),
      indicators: { ...monitor.indicators, themes: () => (asked(), new Promise<never>(() => {})) },
      pipelines: createPipelineService(monitor.db, monitor.runner, clock),
      clock,
      logger: lineLogger(() => {}),
      webhook: null,
    });
    const evaluation = halting.evaluate();
    await themesAsked;
    halting.halt();
    await halting.drain();
    await evaluation;
    halting.request();
    await halting.evaluate();
    await halting.idle();
    expect(await monitor.db.query("SELECT count(*) AS n FROM meta.alerts")).toEqual(before);
  });

  it("has pipeline-stale alerts open for the demo's frozen snapshot by the wall clock; judged at the snapshot's date they resolve", async () => {
    // The demo's hourly feed ends 2026-01-01; the test clock, two months on, finds it stale at start.
    expect((await openAlerts("pipeline-stale")).map((a) => a.subject)).toContain("air-quality-measurements");
    const from = receiver.received.length;
    // A second evaluator on the same database, judging freshness as of the snapshot's own date.
    const asOf = () => new Date(monitor.settings.asOf!);
    const lines: string[] = [];
    const atSnapshot = createAlertMonitor({
      db: monitor.db,
      rules: loadAlertRules(config.MM_ALERTS),
      indicators: monitor.indicators,
      pipelines: createPipelineService(monitor.db, monitor.runner, asOf),
      clock,
      logger: lineLogger((line) => lines.push(line)),
      webhook: { url: receiver.url, secret: SECRET, retryDelaysMs: [] },
    });
    try {
      atSnapshot.startTimer(10);
      await vi.waitFor(() => expect(eventsSince(from).map((e) => e.alert.subject)).toContain("air-quality-measurements"), { timeout: 30_000, interval: 20 });
      await atSnapshot.stop();
      expect(eventsSince(from).every((e) => e.event === "resolved" && e.alert.kind === "pipeline-stale")).toBe(true);
      expect(await openAlerts("pipeline-stale")).toEqual([]);
      expect(lines.filter((l) => /failed/.test(l))).toEqual([]);
    } finally {
      await atSnapshot.stop();
      // The monitor's own evaluation (the wall clock) opens them again, as the other tests expect.
      const reopenFrom = receiver.received.length;
      await monitor.alerts.evaluate();
      await monitor.alerts.idle();
      const reopened = eventsSince(reopenFrom);
      expect(reopened.every((e) => e.event === "opened" && e.alert.kind === "pipeline-stale")).toBe(true);
      const measurements = reopened.find((e) => e.alert.subject === "air-quality-measurements")!;
      expect(measurements.alert.details).toMatchObject({ latest: "2026-01-01T00:00:00Z", errorAfterHours: 168 });
      expect(Number(measurements.alert.details.ageHours)).toBeGreaterThan(168);
    }
    expect((await openAlerts("pipeline-stale")).map((a) => a.subject)).toContain("air-quality-measurements");
  });
});
