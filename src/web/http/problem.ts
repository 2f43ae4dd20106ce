/** RFC 9457 problem+json: the single error body of the API, for every error path. */
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { msg, renderMessage, type Message } from "../../ground/i18n/message.ts";
import { negotiateLang } from "../../ground/i18n/accept-language.ts";
import { HttpError } from "./http-error.ts";
import { quoted } from "../../ground/i18n/quoted.ts";
import { BadParameter, Conflict, DomainError, NotFound, Unavailable } from "../../ground/domain-errors.ts";

/** Texts in the language the request asks for (Accept-Language; English when it says nothing). */
export function sendProblem(res: Response, error: HttpError): void {
  const lang = negotiateLang(res.req.get("accept-language"));
  const text = (message: Message) => renderMessage(lang, message);
  // RFC 6585: a 429 says when to come back.
  if (error.retryAfter !== undefined) res.set("Retry-After", String(error.retryAfter));
  else if (error.status === 429 && !res.get("Retry-After")) res.set("Retry-After", "1");
  res
    .status(error.status)
    .type("application/problem+json")
    .set("Content-Language", lang)
    .vary("Accept-Language")
    .json({
      type: "about:blank",
      title: text(error.titleMessage),
      status: error.status,
      ...(error.detailMessages.length ? { detail: error.detailMessages.map(text).join("; ") } : {}),
      ...error.extensions,
      ...(error.invalidParams ? { invalidParams: error.invalidParams.map((p) => ({ name: p.name, reason: text(p.reason) })) } : {}),
      // So a user can quote it and an operator can find the request's log lines (src/web/http/request-log.ts).
      ...(typeof res.locals.requestId === "string" ? { requestId: res.locals.requestId } : {}),
    });
}

/**
 * The status of each domain error (src/ground/domain-errors.ts), and its problem: the engine and the
 * database say what went wrong, this edge says how HTTP puts it (ADR 0016).
 */
export function problemOf(error: DomainError): HttpError | undefined {
  const options = { title: error.titleMessage, cause: error };
  if (error instanceof BadParameter)
    return new HttpError(400, error.detailMessages, { ...options, invalidParams: [{ name: error.parameter, reason: error.reason }] });
  if (error instanceof NotFound) return new HttpError(404, error.detailMessages, options);
  if (error instanceof Conflict) return new HttpError(409, error.detailMessages, options);
  if (error instanceof Unavailable) return new HttpError(503, error.detailMessages, options);
  // A new kind without a status here falls through to the 500 of an unexpected error: ours to fix.
  return undefined;
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, msg("request.noSuchResource", { method: req.method, path: quoted(req.baseUrl + req.path) })));
};

/** body-parser's error types (its messages are English only). */
const bodyProblem = (type: unknown): Message =>
  type === "entity.too.large" ? msg("request.bodyTooLarge") : type === "entity.parse.failed" ? msg("request.bodyNotJson") : msg("request.bodyUnreadable");

export function problemHandler(logError: (error: unknown, res: Response) => void): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) return sendProblem(res, error);
    const problem = error instanceof DomainError ? problemOf(error) : undefined;
    if (problem) return sendProblem(res, problem);
    // body-parser errors carry a status (400 bad JSON, 413 too large); anything else is ours to fix.
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logError(error, res);
    sendProblem(res, new HttpError(status, status === 500 ? msg("request.internal") : bodyProblem(error?.type)));
  };
}
