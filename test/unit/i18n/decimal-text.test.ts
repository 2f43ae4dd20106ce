/** Numbers in running text: a decimal comma in Dutch, a point in English, rounded only when asked. */
import { describe, expect, it } from "vitest";
import { decimal, decimalText } from "../../../src/ground/i18n/localize.ts";

describe("decimalText", () => {
  it("writes the number as it is without digits, with the language's decimal mark", () => {
    expect([decimalText(2.5, "nl"), decimalText(2.5, "en")]).toEqual(["2,5", "2.5"]);
    expect(decimalText(0.125, "nl")).toBe("0,125");
    expect(decimalText(40, "nl")).toBe("40");
  });

  it("rounds to the given digits", () => {
    expect([decimalText(12.345, "nl", 1), decimalText(12.345, "en", 1)]).toEqual(["12,3", "12.3"]);
    expect(decimalText(3, "nl", 1)).toBe("3,0");
  });

  it("gives both languages at once as a message parameter", () => {
    expect(decimal(7.25, 1)).toEqual({ nl: "7,3", en: "7.3" });
    expect(decimal(0.5)).toEqual({ nl: "0,5", en: "0.5" });
  });
});
