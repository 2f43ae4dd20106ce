/** A copy of the generated demo with one source file deleted: a pipeline the demo has no data for. */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface DemoWithout {
  /** The copied demo folder, for MM_DEMO_DIR. */
  dir: string;
  /** The deleted file's absolute path, as the pipeline resolves it. */
  missing: string;
  remove(): void;
}

/** `file` is relative to the demo folder, as the pipeline's file source names it (e.g. "exports/waste.csv"). */
export function copyDemoWithout(demoDir: string, file: string): DemoWithout {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-demo-without-"));
  const dir = path.join(tmp, "demo");
  cpSync(demoDir, dir, { recursive: true });
  const missing = path.join(dir, file);
  rmSync(missing);
  return { dir, missing, remove: () => rmSync(tmp, { recursive: true, force: true }) };
}
