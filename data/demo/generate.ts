/** `npm run demo:generate [-- --seed 42 --scale 10 --out dir]`: (re)generates the demo data. */
import { parseArgs } from "node:util";
import { demoDirFor, generateDemo } from "./generate-demo.ts";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "20261123" },
    // N > 1: at least N million hourly measurements, for benchmarks (see scale.ts).
    scale: { type: "string", default: "1" },
    out: { type: "string" },
  },
});
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
const scale = Number(values.scale);
const out = values.out ?? demoDirFor(scale);
const started = performance.now();
const manifest = generateDemo(out, { seed, scale, log: (message) => console.info(message) });
console.info(
  `demo data for ${manifest.municipality.name} (seed ${seed}, scale ${scale}) written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
