/**
 * A page's main data is asked for together with the session rather than after it: on a phone that is
 * one round trip less before the page's text shows (issue 22, Lighthouse mobile). The shell starts it
 * for the page the app opens on; the page's view takes that answer, once, instead of asking itself.
 * Nothing is asked twice, so a dossier view is still audited once.
 */
import { api } from "./api-client.ts";
import { ApiError, requestJson } from "./api.ts";
import type { Route } from "./routes.ts";

/** Answers asked for at startup, by URL, until a view takes them. */
const early = new Map<string, Promise<unknown>>();

/** The URL of the main data of a page that has one worth asking for early. */
function mainDataUrl(route: Route): string | null {
  switch (route.name) {
    case "themes":
      return api.url("GET /api/v1/themes");
    case "indicator":
      return api.url("GET /api/v1/indicators/:id", { path: { id: route.id } });
    case "establishment":
      return api.url("GET /api/v1/establishments/:id", { path: { id: route.id } });
    default:
      return null;
  }
}

/** Ask for the page's main data now, beside the session probe. */
export function prefetchRouteData(route: Route): void {
  const url = mainDataUrl(route);
  if (url === null || early.has(url)) return;
  // Without a session this is a 401, which is not a session running out: the probe decides that.
  const answer = requestJson("GET", url, { needsSession: false });
  // An answer no view takes (the page changed, nobody is logged in) is no unhandled rejection.
  answer.catch(() => undefined);
  early.set(url, answer);
}

/** Forget what was asked for early, e.g. when there turned out to be no session. */
export function dropPrefetched(): void {
  early.clear();
}

/**
 * The answer asked for at startup for `url` when there is one (taken, so only once), else `ask()`.
 * An early 401 (the session was not there yet) is asked again.
 */
export function earlyOr<T>(url: string, ask: () => Promise<T>): Promise<T> {
  const answer = early.get(url) as Promise<T> | undefined;
  if (!answer) return ask();
  early.delete(url);
  return answer.catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 401) return ask();
    throw error;
  });
}
