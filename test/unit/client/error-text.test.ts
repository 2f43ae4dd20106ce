/**
 * Error texts in the UI's language (client/src/error-text.ts): the server's problem details are
 * shown as they come (already localized), everything the browser or a proxy says is worded by the
 * client, so the Dutch UI never shows "Failed to fetch" or "Bad Gateway".
 */
import { afterEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { ApiError } from "../../../client/src/api.ts";
import { describeError } from "../../../client/src/error-text.ts";
import { setLang } from "../../../client/src/i18n.ts";

afterEach(() => setLang("nl"));

const englishFragments = /failed|fetch|network|abort|timeout|timed out|gateway|unexpected token|error/i;

describe("describeError", () => {
  it("shows the server's problem details as they come: the server wrote them in the UI's language", () => {
    expect(describeError(new ApiError(400, "Ongeldige parameter", "period moet een jaartal zijn"))).toBe("Ongeldige parameter: period moet een jaartal zijn");
  });

  it("words what the browser and proxies say in Dutch, with nothing of the English original", () => {
    const errors = [
      new TypeError("Failed to fetch"),
      new TypeError("NetworkError when attempting to fetch resource."),
      new DOMException("signal timed out", "TimeoutError"),
      new DOMException("The operation was aborted.", "AbortError"),
      new ApiError(502, "Bad Gateway", undefined, { problem: false }),
      new ApiError(418, "I'm a teapot", undefined, { problem: false }),
      new SyntaxError("Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON"),
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      new Error("something internal"),
      "a thrown string",
    ];
    const texts = errors.map((error) => describeError(error));
    expect(texts).toEqual([
      "de server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.",
      "de server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.",
      "de server antwoordde niet op tijd. Probeer het opnieuw.",
      "het verzoek is afgebroken.",
      "de server is tijdelijk niet beschikbaar (status 502). Probeer het later opnieuw.",
      "de server gaf een onverwacht antwoord (status 418).",
      "het antwoord van de server kon niet worden gelezen.",
      "er trad een onverwachte fout op in de app. Laad de pagina opnieuw.",
      "er trad een onverwachte fout op in de app. Laad de pagina opnieuw.",
      "er trad een onverwachte fout op in de app. Laad de pagina opnieuw.",
    ]);
    for (const text of texts) expect(text).not.toMatch(englishFragments);
  });

  it("speaks English in the English UI", () => {
    setLang("en");
    expect(describeError(new TypeError("Failed to fetch"))).toBe("the server cannot be reached. Check the connection and try again.");
    expect(describeError(new ApiError(503, "Service Unavailable", undefined, { problem: false }))).toBe(
      "the server is temporarily unavailable (status 503). Try again later.",
    );
  });
});
