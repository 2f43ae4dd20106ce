/**
 * The API by route key, typed from the contract (src/ground/contract/contract-routes.ts): the key names the
 * route as the server's access table does, and decides the path parameters, query, body and answer.
 * No view writes an API path or casts an answer; a route the server does not have is a type error.
 *
 * @example
 * const series = await api.get("GET /api/v1/indicators/:id/series", { path: { id }, query: { area }, signal });
 * html`<a href=${api.url("GET /api/v1/session/oidc")}>…</a>`;
 */
import type { RouteKey } from "../../src/ground/contract/access.ts";
import type { JsonRouteKey, RouteAnswer, RouteBody, RoutePath, RouteQuery } from "../../src/ground/contract/contract-routes.ts";
import { requestJson, type Method } from "./api.ts";

type GetKey = Extract<RouteKey, `GET ${string}`>;

/** Routes read with GET as JSON. */
export type ApiGetKey = Extract<JsonRouteKey, `GET ${string}`>;

/** State-changing routes (POST, PATCH, DELETE): they carry the CSRF token. */
export type ApiSendKey = Exclude<RouteKey, GetKey>;

type IsNone<T> = [T] extends [never] ? true : false;
type PathPart<K extends RouteKey> = IsNone<RoutePath<K>> extends true ? { path?: undefined } : { path: RoutePath<K> };
type QueryPart<Q> = IsNone<Q> extends true ? { query?: undefined } : object extends Q ? { query?: Q } : { query: Q };
type BodyPart<K extends RouteKey> = IsNone<RouteBody<K>> extends true ? { body?: undefined } : { body: RouteBody<K> };
/** `format` would ask a table route for a file instead of JSON: that is a download link's business. */
type JsonQuery<K extends RouteKey> = IsNone<RouteQuery<K>> extends true ? never : Omit<RouteQuery<K>, "format">;

/** A route's query parameters, as the caller sends them (a year is a number). */
export type ApiQuery<K extends RouteKey> = RouteQuery<K>;

/** Where a route is: its path parameters (required when its path has any) and its query. */
export type UrlParams<K extends RouteKey> = PathPart<K> & QueryPart<RouteQuery<K>>;
export type GetOptions<K extends ApiGetKey> = PathPart<K> & QueryPart<JsonQuery<K>> & { signal?: AbortSignal };
export type SendOptions<K extends ApiSendKey> = PathPart<K> & QueryPart<RouteQuery<K>> & BodyPart<K> & { signal?: AbortSignal };

/** The options argument may be left out when nothing in it is required. */
type OptionalWhenEmpty<O> = object extends O ? [options?: O] : [options: O];

type ParamValue = string | number | boolean;
type ParamRecord = Readonly<Record<string, ParamValue | undefined>>;
/** The typed options as the untyped functions below read them. */
interface LooseOptions {
  path?: ParamRecord;
  query?: ParamRecord;
  body?: unknown;
  signal?: AbortSignal;
}

/** A query string without the `?`, in the order of `query`'s keys; undefined values are left out. */
export function encodeQuery(query: ParamRecord = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return params.toString();
}

function splitKey(key: RouteKey): [Method, string] {
  const space = key.indexOf(" ");
  return [key.slice(0, space) as Method, key.slice(space + 1)];
}

function buildUrl(key: RouteKey, { path, query }: LooseOptions): string {
  const filled = splitKey(key)[1].replace(/:(\w+)/g, (_, name: string) => {
    const value = path?.[name];
    if (value === undefined) throw new TypeError(`missing path parameter ${name} for ${key}`);
    return encodeURIComponent(String(value));
  });
  const search = encodeQuery(query);
  return search ? `${filled}?${search}` : filled;
}

const [, sessionPath] = splitKey("GET /api/v1/session");

function call(key: RouteKey, options: LooseOptions): Promise<unknown> {
  const [method, path] = splitKey(key);
  // The login and the session probe (/session, /session/options) handle their own 401.
  return requestJson(method, buildUrl(key, options), { signal: options.signal, body: options.body, needsSession: !path.startsWith(sessionPath) });
}

export const api = {
  /** Read a route's JSON answer. */
  get<K extends ApiGetKey>(key: K, ...[options]: OptionalWhenEmpty<GetOptions<K>>): Promise<RouteAnswer<K>> {
    // The one place the client trusts the server to answer as the contract says.
    return call(key, (options ?? {}) as LooseOptions) as Promise<RouteAnswer<K>>;
  },

  /** A state-changing request (with the CSRF token); resolves to the answer, undefined for 204. */
  send<K extends ApiSendKey>(key: K, ...[options]: OptionalWhenEmpty<SendOptions<K>>): Promise<RouteAnswer<K>> {
    return call(key, (options ?? {}) as LooseOptions) as Promise<RouteAnswer<K>>;
  },

  /** The URL of a GET route, for the browser to go to: a download, the single sign-on redirect. */
  url<K extends GetKey>(key: K, ...[params]: OptionalWhenEmpty<UrlParams<K>>): string {
    return buildUrl(key, (params ?? {}) as LooseOptions);
  },
};
