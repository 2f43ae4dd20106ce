/**
 * Demo mode: the generated municipality is served by a loopback "upstream" in the Luchtmeetnet
 * format, so the demo's pipelines run the same code as a live deployment.
 */
import { DEMO_CBS_TABLE, generateDemo, readDemoManifest } from "../../data/demo/generate-demo.ts";
import { startRecordedServer, type Intercept, type RecordedServer } from "../pipelines/framework/recorded-server.ts";
import type { SourceSettings } from "../pipelines/framework/source.ts";
import type { Municipality } from "../engine/themes/indicator-service.ts";
import type { Logger } from "../ground/logger.ts";

export interface DemoUpstream {
  settings: SourceSettings;
  municipality: Municipality;
  server: RecordedServer;
}

/** Generates the demo when missing, then serves it; `intercept` lets tests inject upstream faults. */
export async function startDemoUpstream(demoDir: string, logger: Logger, intercept?: Intercept): Promise<DemoUpstream> {
  let manifest = readDemoManifest(demoDir);
  if (!manifest) {
    logger.info(`generating demo data in ${demoDir} …`);
    manifest = generateDemo(demoDir);
  }
  // One loopback server for every source; each source's base URL is its folder.
  const server = await startRecordedServer(demoDir, intercept);
  return {
    settings: {
      luchtmeetnet: { baseUrl: `${server.url}/${manifest.luchtmeetnet.dir}`, from: manifest.luchtmeetnet.from, to: manifest.luchtmeetnet.to },
      // The files' times are UTC+1, as RIVM's own.
      rivm: { baseUrl: `${server.url}/${manifest.rivm.dir}`, historyFrom: manifest.rivm.from, timeOffset: "+01:00" },
      pdok: { baseUrl: `${server.url}/pdok`, municipalityCode: manifest.municipality.code },
      // The BAG's extent comes from the published gemeente, as in a live install without MM_BAG_BBOX.
      bag: { baseUrl: `${server.url}/bag` },
      cbs: { baseUrl: `${server.url}/cbs`, table: DEMO_CBS_TABLE },
      sensorthings: { baseUrl: `${server.url}/sensorthings`, from: manifest.sensorthings.from, to: manifest.sensorthings.to },
      // The municipality's own CSV exports (registers, theme data) lie in the demo folder.
      filesDir: demoDir,
      // The demo is a snapshot: its data is as fresh as on the day it ends.
      asOf: manifest.luchtmeetnet.to,
    },
    municipality: manifest.municipality,
    server,
  };
}
