/**
 * A large export streamed with backpressure keeps memory flat: the peak growth of this process's RSS
 * (server and client share it) while a station's whole hourly history is streamed to a slow client,
 * against the same rows materialised by one query (the baseline), in MiB.
 */
import type { Monitor } from "../src/app/start-monitor.ts";

async function rssPeakMiB(work: () => Promise<unknown>): Promise<number> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  await work();
  clearInterval(sampler);
  return Math.round((Math.max(peak, process.memoryUsage().rss) - start) / 2 ** 20);
}

/** Reads a response a chunk at a time with a pause after each: a slow client. */
async function readSlowly(response: Response): Promise<number> {
  const reader = response.body!.getReader();
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.length;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return bytes;
}

/**
 * Each measured twice, alternating, after a pause for the work a start leaves running (caches
 * computed after the start-up publishes); the smaller of each pair is the least disturbed.
 */
export async function exportMemory(monitor: Monitor, permitCookie: string) {
  const streamed = async () =>
    rssPeakMiB(async () =>
      readSlowly(await fetch(`${monitor.url}/api/v1/stations/NL99001/measurements?from=2000-01-01&to=2100-01-01`, { headers: { cookie: permitCookie } })),
    );
  const materialised = () =>
    rssPeakMiB(() =>
      monitor.db.query(
        "SELECT strftime(timestamp_measured, '%Y-%m-%dT%H:%M:%SZ') AS time, formula, value FROM main.air_quality_measurements WHERE station_number = 'NL99001' ORDER BY timestamp_measured, formula",
      ),
    );
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const figures = { streamedToSlowClient: Infinity, baselineMaterialised: Infinity };
  for (let i = 0; i < 2; i++) {
    figures.streamedToSlowClient = Math.min(figures.streamedToSlowClient, await streamed());
    figures.baselineMaterialised = Math.min(figures.baselineMaterialised, await materialised());
  }
  return figures;
}
