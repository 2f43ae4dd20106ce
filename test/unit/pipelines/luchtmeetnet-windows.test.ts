import { describe, expect, it } from "vitest";
import { recordedPath } from "../../../src/pipelines/framework/recorded-server.ts";
import { measurementWindows } from "../../../src/pipelines/sources/luchtmeetnet.ts";

describe("measurementWindows", () => {
  it("covers the range in Monday-aligned weeks, clipped at both ends", () => {
    const windows = measurementWindows(new Date("2022-01-01T00:00:00Z"), new Date("2022-01-20T00:00:00Z"));
    expect(windows.map((w) => [w.start.toISOString().slice(0, 10), w.end.toISOString().slice(0, 10)])).toEqual([
      ["2022-01-01", "2022-01-03"],
      ["2022-01-03", "2022-01-10"],
      ["2022-01-10", "2022-01-17"],
      ["2022-01-17", "2022-01-20"],
    ]);
  });

  it("asks a resumed extract for the same windows as a full one", () => {
    const full = measurementWindows(new Date("2022-01-01T00:00:00Z"), new Date("2022-03-01T00:00:00Z"));
    const resumed = measurementWindows(new Date("2022-02-07T00:00:00Z"), new Date("2022-03-01T00:00:00Z"));
    expect(full.slice(-resumed.length)).toEqual(resumed);
  });
});

describe("recordedPath", () => {
  it("maps a request to a file by path and sorted query", () => {
    expect(recordedPath(new URL("http://x/stations?page=2"))).toBe("stations/page=2.json");
    expect(recordedPath(new URL("http://x/stations/NL10938"))).toBe("stations/NL10938.json");
    expect(recordedPath(new URL("http://x/measurements?start=a&page=1&end=b"))).toBe(recordedPath(new URL("http://x/measurements?end=b&start=a&page=1")));
  });

  it("refuses to leave the recorded folder", () => {
    expect(() => recordedPath(new URL("http://x/stations/..%2F..%2Fetc%2Fpasswd"))).toThrow(/unsafe path/);
  });
});
