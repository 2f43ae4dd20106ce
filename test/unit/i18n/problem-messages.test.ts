/** A 400 from parseInput carries messages, rendered in either language, also for checks zod words itself. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError, quoted } from "../../../server/http/http-error.ts";
import { parseInput } from "../../../server/http/validate.ts";
import { msg, reason, renderMessage } from "../../../server/i18n/message.ts";

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
      "query parameter year: must be a year like 2024; query parameter name: Too big: expected string to have <=3 characters; query parameter extra: is not a parameter of this request",
    );
    expect(render(error, "nl")).toBe(
      "queryparameter year: moet een jaartal zijn, zoals 2024; queryparameter name: Te lang: verwacht dat string <=3 tekens heeft; queryparameter extra: is geen parameter van dit verzoek",
    );
    expect(error.invalidParams?.map((p) => p.name)).toEqual(["year", "name", "extra"]);
    expect(error).toMatchObject({ status: 400, title: "Bad Request" });
  });

  it("keeps English title and detail on the error for logs, and hides a hostile value in both languages", () => {
    const error = new HttpError(404, msg("unknown.indicator", { id: quoted("<script>") }));
    expect(error.message).toBe("Not Found: unknown indicator: (not shown)");
    expect(renderMessage("nl", error.detailMessages[0]!)).toBe("onbekende indicator: (niet getoond)");
    expect(renderMessage("nl", error.titleMessage)).toBe("Niet gevonden");
  });
});
