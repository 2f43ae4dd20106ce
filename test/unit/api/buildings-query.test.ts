/** The map's bbox parameter (src/ground/contract/requests/buildings.ts): parsed, refused with a reason naming bbox. */
import { describe, expect, it } from "vitest";
import { BuildingsQuery } from "../../../src/ground/contract/requests/buildings.ts";
import { HttpError } from "../../../src/web/http/http-error.ts";
import { parseInput } from "../../../src/web/http/validate.ts";
import { renderMessage } from "../../../src/ground/i18n/message.ts";

function refusal(query: Record<string, unknown>): { names: string[]; en: string; nl: string } {
  try {
    parseInput(BuildingsQuery, query, "query");
  } catch (error) {
    if (error instanceof HttpError) {
      expect(error.status).toBe(400);
      return {
        names: error.invalidParams?.map((p) => p.name) ?? [],
        en: error.detailMessages.map((m) => renderMessage("en", m)).join("; "),
        nl: error.detailMessages.map((m) => renderMessage("nl", m)).join("; "),
      };
    }
    throw error;
  }
  throw new Error(`expected a 400 for ${JSON.stringify(query)}`);
}

describe("bbox", () => {
  it("parses west,south,east,north in degrees", () => {
    expect(parseInput(BuildingsQuery, { bbox: "4.30,52.07,4.32,52.08" }, "query")).toEqual({ bbox: [4.3, 52.07, 4.32, 52.08] });
    expect(parseInput(BuildingsQuery, { bbox: "-0.001,51.5,0.001,51.501" }, "query").bbox).toEqual([-0.001, 51.5, 0.001, 51.501]);
  });

  it.each([
    [undefined],
    [""],
    ["4.30,52.07,4.32"],
    ["4.30,52.07,4.32,52.08,1"],
    ["4.30;52.07;4.32;52.08"],
    ["4.3e0,52.07,4.32,52.08"],
    ["west,south,east,north"],
    ["4.32,52.07,4.30,52.08"],
    ["4.30,52.08,4.32,52.07"],
    ["4.30,52.07,4.30,52.08"],
    ["4.30,95,4.32,96"],
    ["181,52.07,182,52.08"],
    [["4.30,52.07,4.32,52.08", "4.30,52.07,4.32,52.08"]],
  ])("refuses a malformed bbox %j, naming bbox", (bbox) => {
    const { names, en, nl } = refusal(bbox === undefined ? {} : { bbox });
    expect(names).toEqual(["bbox"]);
    expect(en).toMatch(/^query parameter bbox: /);
    expect(nl).toMatch(/^queryparameter bbox: /);
  });

  it("refuses a view larger than 3 × 3 km: zoom in", () => {
    // 0.05° of longitude at 52° N is ~3.4 km.
    const { names, en, nl } = refusal({ bbox: "4.30,52.07,4.35,52.08" });
    expect(names).toEqual(["bbox"]);
    expect(en).toMatch(/covers 3428 × 1113 m, at most 3000 × 3000 m: zoom in/);
    expect(nl).toMatch(/zoom in/);
    expect(refusal({ bbox: "4.30,52.07,4.31,52.10" }).en).toMatch(/× 3338 m/);
    // Just under the limit is fine.
    expect(parseInput(BuildingsQuery, { bbox: "4.30,52.07,4.343,52.096" }, "query").bbox).toHaveLength(4);
  });

  it("refuses other parameters", () => {
    expect(refusal({ bbox: "4.30,52.07,4.32,52.08", zoom: "3" }).names).toEqual(["zoom"]);
  });
});
