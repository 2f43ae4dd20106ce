/**
 * Demo mode: the generated municipality is served by a loopback "upstream" in the Luchtmeetnet
 * format, so the demo's pipelines run the same code as a live deployment.
 */
import path from "node:path";
import { generateDemo, readDemoManifest } from "../data/demo/generate-demo.ts";
import { startRecordedServer } from "../pipelines/framework/recorded-server.ts";
import type { SourceSettings } from "../pipelines/framework/source.ts";
import type { Municipality } from "./themes/indicator-service.ts";

export interface DemoUpstream {
  settings: SourceSettings;
  municipality: Municipality;
  close(): Promise<void>;
}

export async function startDemoUpstream(demoDir: string, log: (message: string) => void): Promise<DemoUpstream> {
  let manifest = readDemoManifest(demoDir);
  if (!manifest) {
    log(`generating demo data in ${demoDir} …`);
    manifest = generateDemo(demoDir);
  }
  const upstream = await startRecordedServer(path.join(demoDir, manifest.luchtmeetnet.dir));
  return {
    settings: { luchtmeetnet: { baseUrl: upstream.url, from: manifest.luchtmeetnet.from, to: manifest.luchtmeetnet.to } },
    municipality: manifest.municipality,
    close: upstream.close,
  };
}
