/**
 * The one way the client talks to the API: same-origin JSON with the session cookie, and
 * problem+json errors turned into `ApiError`.
 */
import { lang } from "./i18n.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;

  constructor(status: number, title: string, detail?: string) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "ApiError";
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

export interface FetchOptions {
  signal?: AbortSignal;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
}

/** Fired on `window` when a request that needed a session got 401, so the shell can show the login. */
export const sessionExpiredEvent = "mm-session-expired";

const sessionPath = "/api/v1/session";
let csrfToken: string | null = null;

/** The token from `SessionInfo`; the server rejects state-changing requests without it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * @example
 * const themes = await fetchJson<ThemeList>("/api/v1/themes", { signal });
 */
export async function fetchJson<T>(path: string, { signal, method = "GET", body }: FetchOptions = {}): Promise<T> {
  // Error texts (problem+json) come back in the language the UI shows.
  const headers = new Headers({ Accept: "application/json", "Accept-Language": lang() });
  if (body !== undefined) headers.set("Content-Type", "application/json");
  if (method !== "GET" && csrfToken) headers.set("X-CSRF-Token", csrfToken);

  const response = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });

  if (!response.ok) {
    const error = await readProblem(response);
    // The login and session probe handle their own 401; anywhere else it means the session ran out.
    if (error.status === 401 && !path.startsWith(sessionPath)) {
      window.dispatchEvent(new CustomEvent(sessionExpiredEvent));
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function readProblem(response: Response): Promise<ApiError> {
  const fallback = response.statusText || `HTTP ${response.status}`;
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.includes("json")) return new ApiError(response.status, fallback);
  try {
    const problem: unknown = await response.json();
    if (problem && typeof problem === "object") {
      const { title, detail } = problem as { title?: unknown; detail?: unknown };
      return new ApiError(
        response.status,
        typeof title === "string" ? title : fallback,
        typeof detail === "string" ? detail : undefined,
      );
    }
  } catch {
    // A proxy error page labelled as JSON: the status line is all we can trust.
  }
  return new ApiError(response.status, fallback);
}
