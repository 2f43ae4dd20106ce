/**
 * zod at the HTTP edge: bad input becomes a 400 problem naming the parameter and how to fix it. A
 * parameter that is well-formed but does not fit (an area below the indicator's level) is the
 * engine's to refuse: BadParameter in src/ground/domain-errors.ts, the same 400.
 */
import type { z } from "zod";
import dutchZod from "zod/v4/locales/nl.js";
import { decodeReason, msg, type Message } from "../../ground/i18n/message.ts";
import { HttpError } from "./http-error.ts";
import { refusedParameter, type ParameterPlace } from "../../ground/domain-errors.ts";
import { quoted, shown } from "../../ground/i18n/quoted.ts";

const dutchIssues = dutchZod().localeError;

/**
 * Reasons given as `reason(key)` are catalogue messages; for the few checks zod words itself, its Dutch
 * locale gives the Dutch text (a second parse, only for input that failed the first).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: ParameterPlace): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const dutch = schema.safeParse(input ?? {}, { error: dutchIssues });
  const reasonOf = (issue: z.core.$ZodIssue, index: number): Message =>
    decodeReason(issue.message) ?? msg("param.zod", { text: { en: issue.message, nl: dutch.error?.issues[index]?.message ?? issue.message } });
  // An unknown parameter is named itself, not the object it was found in. Its name is input: escaped and cut, and quoted in the text (src/ground/i18n/quoted.ts).
  const refused = result.error.issues.flatMap((issue, index) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          name: [...issue.path, shown(key)].join("."),
          inText: [...issue.path, quoted(key)].join("."),
          reason: msg("param.notAParameter"),
        }))
      : [{ name: issue.path.join(".") || where, inText: issue.path.join(".") || where, reason: reasonOf(issue, index) }],
  );
  const invalidParams = refused.map(({ name, reason }) => ({ name, reason }));
  throw new HttpError(
    400,
    refused.map(({ inText, reason }) => refusedParameter(inText, reason, where)),
    { invalidParams },
  );
}
