/** A 400 from parseInput carries messages, rendered in either language, also for checks zod words itself. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError } from "../../../src/web/http/http-error.ts";
import { parseInput } from "../../../src/web/http/validate.ts";
import { msg, reason, renderMessage } from "../../../src/ground/i18n/message.ts";
import { ECHO_MAX, quoted } from "../../../src/ground/i18n/quoted.ts";

const Query = z.object({ year: z.coerce.number({ error: reason("param.year") }), name: z.string().max(3) }).strict();

function refusal(input: unknown): HttpError {
  try {
    parseInput(Query, input, "query");
  } catch (error) {
    if (error instanceof HttpError) return error;
  }
  throw new Error("expected a 400");
}

const render = (error: HttpError, lang: "nl" | "en") => error.detailMessages.map((m) => renderMessage(lang, m)).join("; ");

describe("problem messages", () => {
  it("renders a catalogue reason and zod's own wording in Dutch and English, naming each parameter", () => {
    const error = refusal({ year: "soon", name: "abcdef", extra: "1" });
    expect(render(error, "en")).toBe(
      'query parameter year: must be a year like 2024; query parameter name: Too big: expected string to have <=3 characters; query parameter "extra": is not a parameter of this request',
    );
    expect(render(error, "nl")).toBe(
      'queryparameter year: moet een jaartal zijn, zoals 2024; queryparameter name: Te lang: verwacht dat string <=3 tekens heeft; queryparameter "extra": is geen parameter van dit verzoek',
    );
    expect(error.invalidParams?.map((p) => p.name)).toEqual(["year", "name", "extra"]);
    expect(error).toMatchObject({ status: 400, title: "Bad Request" });
  });

  it("keeps English title and detail on the error for logs, and quotes a hostile value harmlessly in both languages", () => {
    const error = new HttpError(404, msg("unknown.indicator", { id: quoted("<script>") }));
    expect(error.message).toBe('Not Found: unknown indicator: "\\u{3c}script\\u{3e}"');
    expect(renderMessage("nl", error.detailMessages[0]!)).toBe('onbekende indicator: "\\u{3c}script\\u{3e}"');
    expect(renderMessage("nl", error.titleMessage)).toBe("Niet gevonden");
  });

  it("quotes every echoed input: markup, quotes, controls, bidi and zero-width marks escaped, long input cut", () => {
    expect(quoted("no2-annual-mean")).toBe('"no2-annual-mean"');
    expect(quoted("Café Spui 70")).toBe('"Café Spui 70"');
    expect(quoted('a"b')).toBe('"a\\u{22}b"');
    expect(quoted("evil\u202Etxt.exe")).toBe('"evil\\u{202e}txt.exe"');
    expect(quoted("a\u2066b\u200Bc\nd\u0000e")).toBe('"a\\u{2066}b\\u{200b}c\\u{a}d\\u{0}e"');
    const long = quoted("x".repeat(8192));
    expect(long).toBe(`"${"x".repeat(ECHO_MAX)}…"`);
    // An escaped character counts once, so a hostile long name cannot grow the answer either.
    expect(quoted("<".repeat(8192)).length).toBeLessThan(ECHO_MAX * 8 + 3);
    // Astral characters are cut whole, never split into a lone surrogate.
    expect(quoted("𝐀".repeat(ECHO_MAX + 1))).toBe(`"${"𝐀".repeat(ECHO_MAX)}…"`);
  });

  it("names an unknown parameter escaped and cut in invalidParams, and quoted in the text", () => {
    const error = refusal({ year: "2024", name: "a", ["<img src=x onerror=alert(1)>".repeat(300)]: "1" });
    const name = error.invalidParams![0]!.name;
    expect(name.startsWith("\\u{3c}img src=x onerror=alert(1)\\u{3e}")).toBe(true);
    expect(name.length).toBeLessThan(200);
    expect(render(error, "en")).not.toContain("<img");
  });
});
