/** RFC 9457 problem+json: the single error body of the API, for every error path. */
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { HttpError, quoted } from "./http-error.ts";

export function sendProblem(res: Response, error: HttpError): void {
  res
    .status(error.status)
    .type("application/problem+json")
    .json({
      type: "about:blank",
      title: error.title,
      status: error.status,
      ...(error.detail ? { detail: error.detail } : {}),
      ...error.extensions,
      // So a user can quote it and an operator can find the request's log lines (server/http/request-log.ts).
      ...(typeof res.locals.requestId === "string" ? { requestId: res.locals.requestId } : {}),
    });
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, "Not Found", { detail: `no such resource: ${req.method} ${quoted(req.path)}` }));
};

export function problemHandler(logError: (error: unknown, res: Response) => void): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) return sendProblem(res, error);
    // body-parser errors carry a status (400 bad JSON, 413 too large); anything else is ours to fix.
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logError(error, res);
    const title = status === 500 ? "Internal Server Error" : "Bad Request";
    const detail = status === 500 ? "the server could not complete the request; it has been logged" : String(error.message);
    sendProblem(res, new HttpError(status, title, { detail }));
  };
}
