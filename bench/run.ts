/**
 * `npm run bench [-- <name> ...]`: each benchmark prints one JSON line of figures, as ratios to a
 * baseline measured in the same run. Names: ingest (10-million-row CSV), backfill (the demo's
 * air-quality history from RIVM bulk files and the API's last month over loopback), api (on the demo at MM_BENCH_SCALE, default 10), load
 * (autocannon under publishes), soak (memory over MM_SOAK_MINUTES, default 30), growth (ingest and
 * api at scale 1, 10 and 30), login-flood (a search's p95 and /healthz under a burst of failed logins,
 * against the same without), disclosure (the disclosure audit's cost per publish at scale 1 and 10),
 * address-search (the address box's p95 on the demo's BAG and on ten times as many addresses, against
 * a lookup by id), publish-changes (a publish's change summary as a share of the run's time, at scale 10),
 * snapshot (a reader's snapshot: size, time and the writer's extra memory at scale 1, 10 and 30, `--scales 1,10`),
 * browser (the policy pages in headless Chromium until fully drawn, and their
 * first-load JavaScript), lighthouse (scores on four pages, mobile) and startup (a clean clone's `npm start` until the first logged-in answer);
 * those two report milliseconds, KB and seconds against targets rather than ratios.
 * scale-out (a writer, two readers, PostgreSQL and HAProxy: the balancer's cost as a ratio to one reader
 * asked directly, publish-to-readers time, failed requests during a reader kill and a rolling restart).
 * Without names, all run.
 */
import os from "node:os";
import path from "node:path";
import { generateDemo, readDemoManifest } from "../data/demo/generate-demo.ts";
import { benchAddressSearch } from "./address-search.ts";
import { benchApi } from "./api.ts";
import { benchBrowser } from "./browser.ts";
import { benchDisclosure } from "./disclosure.ts";
import { benchGrowth } from "./growth.ts";
import { benchBackfill } from "./ingest.ts";
import { benchIngestCsv } from "./ingest-csv.ts";
import { benchLoad } from "./load.ts";
import { benchLighthouse } from "./lighthouse.ts";
import { benchLoginFlood } from "./login-flood.ts";
import { benchPublishChanges } from "./publish-changes.ts";
import { benchSnapshot } from "./snapshot.ts";
import { benchScaleOut } from "./scale-out.ts";
import { benchSoak } from "./soak.ts";
import { benchStartup } from "./startup.ts";

const demoDir = process.env.MM_DEMO_DIR ?? path.resolve(import.meta.dirname, "../data/demo/out");
const withDemo =
  <T>(bench: (dir: string) => Promise<T>) =>
  () => {
    if (!readDemoManifest(demoDir)) generateDemo(demoDir);
    return bench(demoDir);
  };
const benches: Record<string, () => Promise<object>> = {
  ingest: () => benchIngestCsv(),
  backfill: withDemo(benchBackfill),
  api: () => benchApi(),
  "address-search": () => benchAddressSearch(),
  load: withDemo(benchLoad),
  soak: withDemo(benchSoak),
  browser: () => benchBrowser(),
  startup: () => benchStartup(),
  growth: () => benchGrowth(),
  "login-flood": () => benchLoginFlood(),
  disclosure: () => benchDisclosure(),
  "publish-changes": () => benchPublishChanges(),
  snapshot: () => benchSnapshot(),
  lighthouse: () => benchLighthouse(),
  "scale-out": withDemo(benchScaleOut),
};

// Options (`--scales 1,10` for snapshot) are read by the benchmark itself; the rest are names.
const args = process.argv.slice(2);
const names = args.filter((arg, i) => !arg.startsWith("--") && !args[i - 1]?.startsWith("--"));
const unknown = names.filter((n) => !(n in benches));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
for (const name of names.length ? names : Object.keys(benches)) {
  console.info(JSON.stringify({ ...(await benches[name]!()), machine }));
}
