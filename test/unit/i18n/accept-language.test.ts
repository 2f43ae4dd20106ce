import { describe, expect, it } from "vitest";
import { negotiateLang } from "../../../src/ground/i18n/accept-language.ts";

describe("negotiateLang", () => {
  it.each([
    [undefined, "en"],
    ["", "en"],
    ["nl", "nl"],
    ["nl-NL,nl;q=0.9,en;q=0.8", "nl"],
    ["en-GB,en;q=0.9,nl;q=0.8", "en"],
    ["en;q=0.5, nl;q=0.9", "nl"],
    ["nl;q=0, en;q=0.1", "en"],
    ["de-DE, fr;q=0.8", "en"],
    ["de, nl;q=0.3", "nl"],
    ["*", "en"],
    ["NL-be", "nl"],
    ["nl;q=abc, en", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLang(header)).toBe(expected);
  });
});
