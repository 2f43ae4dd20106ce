/**
 * How the client talks to the API: same-origin JSON with the session cookie, the UI's language and
 * the CSRF token, and problem+json errors turned into `ApiError`. Views call it through the typed
 * routes of api-client.ts, never with a path of their own.
 */
import { lang } from "./i18n.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  /**
   * True when title and detail come from the server's problem+json, which speaks the UI's language;
   * false when they are only the HTTP status line (a proxy's error page), which the UI words itself.
   */
  readonly problem: boolean;

  constructor(status: number, title: string, detail?: string, { problem = true } = {}) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "ApiError";
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.problem = problem;
  }
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  body?: unknown;
  /**
   * Whether a 401 means the session ran out (and fires `sessionExpiredEvent`). The login and the
   * session probe handle their own 401.
   */
  needsSession: boolean;
}

/** Fired on `window` when a request that needed a session got 401, so the shell can show the login. */
export const sessionExpiredEvent = "mm-session-expired";

let csrfToken: string | null = null;

/** The token from `SessionInfo`; the server rejects state-changing requests without it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The parsed JSON answer, or undefined for an empty one (204). */
export async function requestJson(method: Method, url: string, { signal, body, needsSession }: RequestOptions): Promise<unknown> {
  // Error texts (problem+json) come back in the language the UI shows.
  const headers = new Headers({ Accept: "application/json", "Accept-Language": lang() });
  if (body !== undefined) headers.set("Content-Type", "application/json");
  if (method !== "GET" && csrfToken) headers.set("X-CSRF-Token", csrfToken);

  const response = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });

  if (!response.ok) {
    const error = await readProblem(response);
    if (error.status === 401 && needsSession) window.dispatchEvent(new CustomEvent(sessionExpiredEvent));
    throw error;
  }
  if (response.status === 204) return undefined;
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

async function readProblem(response: Response): Promise<ApiError> {
  const fallback = response.statusText || `HTTP ${response.status}`;
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.includes("json")) return new ApiError(response.status, fallback, undefined, { problem: false });
  try {
    const problem: unknown = await response.json();
    if (problem && typeof problem === "object") {
      const { title, detail } = problem as { title?: unknown; detail?: unknown };
      return new ApiError(response.status, typeof title === "string" ? title : fallback, typeof detail === "string" ? detail : undefined, {
        problem: typeof title === "string",
      });
    }
  } catch {
    // A proxy error page labelled as JSON: the status line is all we can trust.
  }
  return new ApiError(response.status, fallback, undefined, { problem: false });
}
