/** Which setting the go-live check names for a failure: the configured value the failure states. */
import { describe, expect, it } from "vitest";
import { settingsToChange } from "../../../src/engine/pipelines/settings-to-change.ts";
import type { SourceSettings } from "../../../src/pipelines/framework/source.ts";

const settings: SourceSettings = {
  luchtmeetnet: { baseUrl: "https://api.luchtmeetnet.nl/open_api", stations: ["NL10404", "NL10450"] },
  cbs: { baseUrl: "https://datasets.cbs.nl/odata/v1/CBS", table: "85618NED", municipalityCode: "GM0518" },
  pdok: { baseUrl: "https://service.pdok.nl/cbs/gebiedsindelingen/2024/wfs/v1_0", municipalityCode: "GM0518" },
  filesDir: "/var/lib/milieumonitor/files",
};
const names = {
  "luchtmeetnet.baseUrl": "MM_LUCHTMEETNET_URL",
  "luchtmeetnet.stations": "MM_LUCHTMEETNET_STATIONS",
  "cbs.baseUrl": "MM_CBS_URL",
  "cbs.table": "MM_CBS_TABLE",
  "cbs.municipalityCode": "MM_MUNICIPALITY_CODE",
  "pdok.baseUrl": "MM_PDOK_URL",
  "pdok.municipalityCode": "MM_MUNICIPALITY_CODE",
  "sensorthings.baseUrl": "MM_SENSORTHINGS_URL",
  filesDir: "MM_FILES_DIR",
};
const change = (error: string, failedUrl: string | null = null) => settingsToChange(error, failedUrl, settings, names);

describe("settingsToChange", () => {
  it("names the base URL a failing URL starts with", () => {
    expect(change("https://api.luchtmeetnet.nl/open_api/stations?page=1: connection refused")).toEqual(["MM_LUCHTMEETNET_URL"]);
    expect(change("upstream went away", "https://datasets.cbs.nl/odata/v1/CBS/85618NED/MeasureCodes")).toEqual(["MM_CBS_URL"]);
  });

  it("puts a configured name the error states outside a URL first", () => {
    expect(change("Luchtmeetnet does not list the configured station(s) NL10450", "https://api.luchtmeetnet.nl/open_api/stations?page=2")).toEqual([
      "MM_LUCHTMEETNET_STATIONS",
      "MM_LUCHTMEETNET_URL",
    ]);
  });

  it("takes a name in the path of a URL the server answered 404 for as the likelier culprit", () => {
    expect(change("https://datasets.cbs.nl/odata/v1/CBS/85618NED/MeasureCodes: answered HTTP 404")).toEqual(["MM_CBS_TABLE", "MM_CBS_URL"]);
    // Refused: the server was not reached, so the name in the path says nothing.
    expect(change("https://datasets.cbs.nl/odata/v1/CBS/85618NED/MeasureCodes: connection refused")).toEqual(["MM_CBS_URL"]);
    // In the query (a WFS filter) a name is a filter value, not a resource that may be missing.
    expect(change("https://service.pdok.nl/cbs/gebiedsindelingen/2024/wfs/v1_0?filter=GM0518: answered HTTP 404")).toEqual(["MM_PDOK_URL"]);
  });

  it("matches whole names only", () => {
    expect(change("station NL104040 is not known")).toEqual([]);
  });

  it("names the files folder for a file under it", () => {
    expect(change("/var/lib/milieumonitor/files/exports/permits.csv is missing: put the file there")).toEqual(["MM_FILES_DIR"]);
  });

  it("names nothing for a failure of the data itself, or a setting that is not configured", () => {
    expect(change("12 of 100 rows rejected (12.0 %), more than the limit of 2 %")).toEqual([]);
    expect(change("https://api-samenmeten.rivm.nl/v1.0/Things: answered HTTP 503")).toEqual([]);
  });
});
