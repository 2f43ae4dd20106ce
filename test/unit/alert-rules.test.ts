/** The alert rules file: the shipped defaults parse, and a bad rule fails naming the rule and the field. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadAlertRules, parseAlertRules } from "../../src/engine/alerts/alert-rules.ts";
import { loadConfig } from "../../src/app/config.ts";

const parse = (rules: unknown[]) => () => parseAlertRules({ rules }, "rules.json");

describe("alert rules", () => {
  it("loads the shipped config/alerts.json with one rule of every kind", () => {
    const { rules } = loadAlertRules(loadConfig({}).MM_ALERTS);
    expect(rules.map((r) => r.kind).sort()).toEqual(["indicator-off-track", "pipeline-failed", "pipeline-stale", "station-24h"]);
  });

  it("accepts lists of known names", () => {
    const { rules } = parseAlertRules(
      {
        rules: [
          { id: "pm", kind: "station-24h", components: ["PM10", "NO2"] },
          { id: "no2", kind: "indicator-off-track", indicators: ["no2-annual-mean"] },
        ],
      },
      "x",
    );
    expect(rules).toHaveLength(2);
  });

  it("names the rule and the field of an unknown name", () => {
    expect(
      parse([
        { id: "ok", kind: "pipeline-failed", pipelines: "*" },
        { id: "dust", kind: "station-24h", components: ["PM10", "CO"] },
      ]),
    ).toThrow(/rule 2 \("dust"\), field components: unknown component "CO"; known: NO2, PM10, PM25/);
    expect(parse([{ id: "typo", kind: "indicator-off-track", indicators: ["no2-anual-mean"] }])).toThrow(
      /rule 1 \("typo"\), field indicators: unknown indicator id "no2-anual-mean"/,
    );
    expect(parse([{ id: "p", kind: "pipeline-stale", pipelines: ["nope"] }])).toThrow(/rule 1 \("p"\), field pipelines: unknown pipeline "nope"/);
  });

  it("names an unknown kind, a missing field, an unknown field and a repeated id", () => {
    expect(parse([{ id: "x", kind: "pipeline-slow", pipelines: "*" }])).toThrow(
      /rule 1 \("x"\), field kind: kind must be one of indicator-off-track, station-24h, pipeline-failed, pipeline-stale/,
    );
    expect(parse([{ id: "x", kind: "pipeline-failed" }])).toThrow(/rule 1 \("x"\), field pipelines: must be "\*" or a list of pipelines/);
    expect(parse([{ id: "x", kind: "pipeline-failed", pipelines: "*", pipeline: "areas" }])).toThrow(
      /rule 1 \("x"\), field \(rule\): Unrecognized key: "pipeline"/,
    );
    expect(
      parse([
        { id: "x", kind: "pipeline-failed", pipelines: "*" },
        { id: "x", kind: "pipeline-stale", pipelines: "*" },
      ]),
    ).toThrow(/rule 2 \("x"\), field id: "x" is used by an earlier rule/);
  });

  it("fails on a file that is missing or not JSON, naming the file and MM_ALERTS", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mm-alert-rules-"));
    try {
      expect(() => loadAlertRules(path.join(dir, "none.json"))).toThrow(/cannot read the alert rules .*none\.json \(MM_ALERTS\)/);
      writeFileSync(path.join(dir, "bad.json"), "{ rules: [");
      expect(() => loadAlertRules(path.join(dir, "bad.json"))).toThrow(/bad\.json \(MM_ALERTS\) are not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
