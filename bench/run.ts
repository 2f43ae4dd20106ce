/** `npm run bench`: each benchmark prints one JSON line; figures are ratios to a same-run baseline. */
import os from "node:os";
import path from "node:path";
import { generateDemo, readDemoManifest } from "../data/demo/generate-demo.ts";
import { benchApi } from "./api.ts";
import { benchIngest } from "./ingest.ts";

const demoDir = process.env.MM_DEMO_DIR ?? path.resolve(import.meta.dirname, "../data/demo/out");
if (!readDemoManifest(demoDir)) generateDemo(demoDir);
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };

for (const bench of [benchIngest, benchApi]) {
  console.info(JSON.stringify({ ...(await bench(demoDir)), machine }));
}
