/**
 * Just enough of a browser for redirect flows over plain fetch: one cookie jar for 127.0.0.1 (like a
 * browser, it ignores the port), and redirects followed by hand so a test can stop at, inspect or
 * alter any hop.
 */
export interface Hop {
  url: string;
  status: number;
  setCookies: string[];
}

export class CookieBrowser {
  readonly jar = new Map<string, string>();
  /** Every request made, in order. */
  readonly hops: Hop[] = [];

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** One request, cookies sent and stored; redirects are not followed. */
  async request(url: string): Promise<Response> {
    const response = await fetch(url, { redirect: "manual", headers: { cookie: this.cookieHeader() } });
    const setCookies = response.headers.getSetCookie();
    for (const header of setCookies) this.#store(header);
    this.hops.push({ url, status: response.status, setCookies });
    return response;
  }

  /**
   * Follows redirects from `url` until a response is not a redirect, or the next URL satisfies `stopAt`;
   * returns that next URL (not requested) or the last URL requested, with the last response.
   */
  async navigate(url: string, stopAt: (next: URL) => boolean = () => false): Promise<{ url: URL; response: Response }> {
    let current = new URL(url);
    for (let hop = 0; hop < 20; hop++) {
      const response = await this.request(current.href);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      await response.body?.cancel();
      current = new URL(location, current);
      if (stopAt(current)) return { url: current, response };
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  #store(header: string) {
    const [pair = "", ...attributes] = header.split(";");
    const index = pair.indexOf("=");
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) < Date.now()));
    if (expired || value === "") this.jar.delete(name);
    else this.jar.set(name, value);
  }
}
