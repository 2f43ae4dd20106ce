/**
 * On a reader (MM_MODE=reader) the routes that write to DuckDB answer 503 problem+json after the
 * usual access checks: "this server is a read-only reader; writes go to the writer" — never a 500
 * from a statement refused by the read-only snapshot.
 */
import { isWriterRoute } from "../../ground/contract/writer-routes.ts";
import { msg } from "../../ground/i18n/message.ts";
import { HttpError } from "./http-error.ts";
import type { Route, RouteHandler } from "./routes.ts";

const refuse: RouteHandler = () => {
  throw new HttpError(503, msg("reader.readOnly"));
};

/** Registers routes as `route` does, with the writer-only ones refused. */
export const readerRoutes =
  (route: Route): Route =>
  (key, handler) =>
    route(key, isWriterRoute(key) ? refuse : handler);
