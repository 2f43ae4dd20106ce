/** `npm run demo:generate [-- --seed 42 --out dir]`: (re)generates the demo data. */
import path from "node:path";
import { parseArgs } from "node:util";
import { generateDemo } from "./generate-demo.ts";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "20261123" },
    out: { type: "string", default: path.join(import.meta.dirname, "out") },
  },
});
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
const started = performance.now();
const manifest = generateDemo(values.out, { seed });
console.info(`demo data for ${manifest.municipality.name} (seed ${seed}) written to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
