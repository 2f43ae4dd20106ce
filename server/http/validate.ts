/** zod at the HTTP edge: bad input becomes a 400 problem naming the parameter and how to fix it. */
import type { z } from "zod";
import { HttpError } from "./http-error.ts";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: "query" | "body" | "path"): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const invalidParams = result.error.issues.map((issue) => ({
    name: issue.path.join(".") || where,
    reason: issue.message,
  }));
  const detail = invalidParams.map((p) => `${where} parameter ${p.name}: ${p.reason}`).join("; ");
  throw new HttpError(400, "Bad Request", { detail, invalidParams });
}

/** A parameter that is well-formed but does not fit (an area below the indicator's level): the same 400. */
export function badParameter(name: string, reason: string, where: "query" | "body" | "path" = "query"): HttpError {
  return new HttpError(400, "Bad Request", { detail: `${where} parameter ${name}: ${reason}`, invalidParams: [{ name, reason }] });
}
