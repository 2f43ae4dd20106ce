/** zod at the HTTP edge: bad input becomes a 400 problem naming the parameter and how to fix it. */
import type { z } from "zod";
import { HttpError } from "./http-error.ts";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: "query" | "body" | "path"): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  // An unknown parameter is named itself, not the object it was found in.
  const invalidParams = result.error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ name: [...issue.path, key].join("."), reason: "is not a parameter of this request" }))
      : [{ name: issue.path.join(".") || where, reason: issue.message }],
  );
  const detail = invalidParams.map((p) => `${where} parameter ${p.name}: ${p.reason}`).join("; ");
  throw new HttpError(400, "Bad Request", { detail, invalidParams });
}

/** A parameter that is well-formed but does not fit (an area below the indicator's level): the same 400. */
export function badParameter(name: string, reason: string, where: "query" | "body" | "path" = "query"): HttpError {
  return new HttpError(400, "Bad Request", { detail: `${where} parameter ${name}: ${reason}`, invalidParams: [{ name, reason }] });
}
