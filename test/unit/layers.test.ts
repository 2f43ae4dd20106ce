/**
 * The floors (ADR 0019) as `npm run lint` enforces them with dependency-cruiser: the rules bite on a
 * small tree that breaks each of them, and the real tree breaks none.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cruise, type ICruiseOptions, type IReporterOutput } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";
import config from "../../.dependency-cruiser.mjs";

const root = path.resolve(import.meta.dirname, "../..");

function violationsOf(output: IReporterOutput): string[] {
  if (typeof output.output === "string") throw new Error("expected a cruise result, got a report");
  return output.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

async function cruiseIn(baseDir: string, dirs: string[]): Promise<string[]> {
  const options: ICruiseOptions = { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, baseDir };
  const previous = process.cwd();
  process.chdir(baseDir);
  try {
    return violationsOf(await cruise(dirs, options, { extensions: [".ts", ".js", ".mjs"] }));
  } finally {
    process.chdir(previous);
  }
}

describe("the floors", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mm-layers-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };

  it("refuse an import up the floors, a cycle (type-only too), and a client beyond the ground floor", async () => {
    write("tsconfig.json", JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true } }));
    write("src/ground/words.ts", 'import { route } from "../web/route.ts";\nexport const words = route;\n');
    write("src/web/route.ts", "export const route = 1;\n");
    write("src/store/rows.ts", 'import type { Step } from "../pipelines/step.ts";\nexport type Rows = Step[];\n');
    write("src/pipelines/step.ts", 'import type { Run } from "./run.ts";\nexport type Step = { run: Run };\n');
    write("src/pipelines/run.ts", 'import type { Step } from "./step.ts";\nexport type Run = { steps: Step[] };\n');
    write(
      "src/engine/service.ts",
      'import { words } from "../ground/words.ts";\nimport type { Rows } from "../store/rows.ts";\nexport const service = (r: Rows) => [words, r];\n',
    );
    write(
      "client/view.ts",
      'import { service } from "../src/engine/service.ts";\nimport { words } from "../src/ground/words.ts";\nexport const view = [service, words];\n',
    );

    expect(await cruiseIn(dir, ["src", "client"])).toEqual([
      "client-beyond-ground: client/view.ts → src/engine/service.ts",
      "ground-imports-upward: src/ground/words.ts → src/web/route.ts",
      "no-circular: src/pipelines/run.ts → src/pipelines/step.ts",
      "store-imports-upward: src/store/rows.ts → src/pipelines/step.ts",
    ]);
  });

  it("hold in the code as it is", async () => {
    expect(await cruiseIn(root, ["src", "client", "data/demo"])).toEqual([]);
  });
});
