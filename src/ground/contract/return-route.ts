/**
 * Where the app returns after a login: the part of a permalink after `#`, e.g.
 * `/indicators/no2-annual-mean?level=buurt`. The client sends it along when it shows the login, and
 * the single sign-on route keeps it with the pending login and redirects to `/#` plus it. Because it
 * only ever follows `/#`, it cannot leave the origin; the strict shape (a path of URL fragment
 * characters, well-formed percent escapes, no `//`, no login page) keeps anything else, a header
 * break or a redirect loop, out of the `Location` header as well. Pure and dependency-free: the client
 * imports it too.
 *
 * @example
 * isReturnRoute("/indicators/no2-annual-mean?level=buurt"); // true
 * isReturnRoute("//evil.example/"); // false
 */
export const RETURN_ROUTE_MAX = 1000;

// RFC 3986 fragment characters (pchar, "/" and "?"), without "'" (it ends an HTML attribute in some
// hands) and "%" except as an escape.
const shape = /^\/(?!\/)(?:[A-Za-z0-9\-._~!$&()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;

export function isReturnRoute(value: string): boolean {
  return value.length <= RETURN_ROUTE_MAX && shape.test(value) && !/^\/login(?:[/?]|$)/.test(value);
}
