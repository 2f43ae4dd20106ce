/**
 * `npm run pipelines:example`: the go-live check with the Den Haag example configuration
 * (config/gm0518-den-haag.env) against the recorded upstream responses in test/fixtures, served on
 * loopback, with one source misconfigured on purpose (a station number that does not exist), so the
 * README can show real output: what a passing source and a failing one look like.
 *
 * Only the public APIs' pipelines are checked: the municipality's own exports (MM_FILES_DIR) have
 * no recordings for The Hague. The base URLs point at the loopback server, the Luchtmeetnet and
 * SensorThings windows at the recorded hours, the history and key-figure tables at what is recorded;
 * every other value is the example file's.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatCheckSummary, formatPipelineCheck } from "../src/app/cli/format-check.ts";
import { loadConfig } from "../src/app/config.ts";
import { goLiveCheckDeps, liveSettingNames, openSources } from "../src/app/start-monitor.ts";
import { withPrerequisites } from "../src/engine/pipelines/check-prerequisites.ts";
import { runGoLiveCheck } from "../src/engine/pipelines/go-live-check.ts";
import { lineLogger } from "../src/ground/logger.ts";
import { startRecordedServer } from "../src/pipelines/framework/recorded-server.ts";

const root = path.resolve(import.meta.dirname, "..");
const ENV_FILE = "config/gm0518-den-haag.env";
/** The pipelines whose sources are public APIs recorded under test/fixtures. */
const API_PIPELINES = [
  "areas",
  "air-quality-stations",
  "air-quality-measurements",
  "air-quality-sensors",
  "air-quality-sensor-observations",
  "area-key-figures",
];
/** The misconfiguration shown: the last of The Hague's stations mistyped as one that does not exist. */
const WRONG_STATION = "NL10999";
/** The recorded hours: the Luchtmeetnet week and the SensorThings morning of the fixtures; "now" is the end of the first. */
const RECORDED = {
  luchtmeetnet: { from: "2024-01-08T00:00:00Z", to: "2024-01-10T00:00:00Z" },
  sensorthings: { from: "2024-03-01T00:00:00Z", to: "2024-03-01T03:00:00Z" },
  asOf: "2024-01-10T00:00:00Z",
};

/** KEY=value lines of a shell env file (comments and blank lines skipped, one level of quotes removed). */
function readEnvFile(file: string): Record<string, string> {
  const entries = readFileSync(path.join(root, file), "utf8")
    .split("\n")
    .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
    .filter((match) => match !== null)
    .map(([, key, value]) => [key!, value!.replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1")]);
  return Object.fromEntries(entries);
}

const server = await startRecordedServer(path.join(root, "test", "fixtures"));
try {
  const example = readEnvFile(ENV_FILE);
  const stations = example.MM_LUCHTMEETNET_STATIONS!.split(",");
  const overrides = {
    MM_LUCHTMEETNET_URL: `${server.url}/luchtmeetnet`,
    MM_LUCHTMEETNET_STATIONS: [...stations.slice(0, -1), WRONG_STATION].join(","),
    // No bulk files are recorded: the history starts in the recorded week's year, which has no complete month yet.
    MM_RIVM_URL: `${server.url}/rivm`,
    MM_HISTORY_FROM: "2024-01-01",
    MM_PDOK_URL: `${server.url}/pdok`,
    // Of the key figures, the 2019 table is recorded (derived from a real StatLine export of The Hague).
    MM_CBS_TABLES: "2019:84583NED:v3",
    MM_CBS_V3_URL: `${server.url}/cbs-classic/v3`,
    MM_CBS_URL: `${server.url}/cbs-classic/v4`,
    MM_SENSORTHINGS_URL: `${server.url}/sensorthings-rivm`,
  };
  // Any other source's base URL goes to the loopback server too: nothing leaves this machine.
  const offline = Object.fromEntries(
    Object.values(liveSettingNames)
      .filter((name) => name.endsWith("_URL") && !(name in overrides))
      .map((name) => [name, `${server.url}/not-recorded`]),
  );
  console.info(`# The Den Haag example (${ENV_FILE}) against recorded responses on ${server.url}, with`);
  for (const [key, value] of Object.entries(overrides))
    console.info(`#   ${key}=${value}${key === "MM_LUCHTMEETNET_STATIONS" ? `   (${WRONG_STATION} does not exist)` : ""}`);
  if (Object.keys(offline).length) console.info(`#   ${Object.keys(offline).join(", ")}=${server.url}/not-recorded`);
  console.info("# $ npm run pipelines -- check " + API_PIPELINES.join(" ") + "\n");

  const clock = () => new Date(RECORDED.asOf);
  const logger = lineLogger(() => {});
  const sources = await openSources({ config: loadConfig({ ...example, ...offline, ...overrides }), clock, logger });
  const settings = {
    ...sources.settings,
    luchtmeetnet: { ...sources.settings.luchtmeetnet, ...RECORDED.luchtmeetnet },
    sensorthings: { ...sources.settings.sensorthings!, ...RECORDED.sensorthings },
    asOf: RECORDED.asOf,
  };
  const results = await runGoLiveCheck(goLiveCheckDeps({ ...sources, settings }, { clock, logger }, withPrerequisites(API_PIPELINES)), {
    onResult: (result) => console.info(`${formatPipelineCheck(result)}\n`),
  });
  console.info(formatCheckSummary(results));
  await sources.close();
} finally {
  await server.close();
}
