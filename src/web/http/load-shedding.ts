/**
 * Overload is shed at once instead of queueing without bound: beyond `maxInFlight` API requests in
 * progress, a request gets 503 with Retry-After straight away. Health and readiness probes are not
 * under /api, so they still answer while the API sheds.
 */
import type { RequestHandler } from "express";
import { HttpError } from "./http-error.ts";
import { msg } from "../../ground/i18n/message.ts";

export function shedLoad(maxInFlight: number): RequestHandler {
  let inFlight = 0;
  return (_req, res, next) => {
    if (inFlight >= maxInFlight) {
      res.set("Retry-After", "1");
      return next(new HttpError(503, msg("request.busy")));
    }
    inFlight++;
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  };
}
