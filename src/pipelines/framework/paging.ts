/**
 * Paging of HTTP JSON APIs. Page-number APIs (Luchtmeetnet `{pagination, data}`) are followed until
 * the last page; next-link APIs (OData `@odata.nextLink`, SensorThings `@iot.nextLink`) until a page
 * has no link. The envelope is checked, so an HTML error page or a changed API fails the run.
 */
import { z } from "zod";
import { msg } from "../../ground/i18n/message.ts";
import { PipelineError } from "./pipeline-error.ts";
import type { ExtractContext, SourcePage } from "./source.ts";
import { redactUrl } from "./upstream-error.ts";

const PageNumberEnvelope = z.object({
  pagination: z.object({ current_page: z.number().int(), last_page: z.number().int() }),
  data: z.array(z.unknown()),
});

export async function* pagesByNumber(url: string, context: ExtractContext): AsyncGenerator<SourcePage> {
  for (let page = 1; ; page++) {
    const pageUrl = `${url}${url.includes("?") ? "&" : "?"}page=${page}`;
    const parsed = PageNumberEnvelope.safeParse(await context.fetchJson(pageUrl, { signal: context.signal }));
    if (!parsed.success) throw new PipelineError(msg("run.notPaged", { url: redactUrl(pageUrl), detail: String(parsed.error.issues[0]?.message) }));
    yield { origin: pageUrl, records: parsed.data.data };
    if (parsed.data.pagination.current_page >= parsed.data.pagination.last_page) return;
  }
}

/** At most this many pages: a server that always links to a next page must not loop forever. */
const MAX_PAGES = 100_000;

/**
 * `upstreamBase` is the live API's own base URL: next links it writes are absolute and point there,
 * so they are re-based onto the configured base URL (a mirror, or the loopback server in tests).
 */
export async function* pagesByNextLink(
  url: string,
  context: ExtractContext,
  {
    items = "value",
    next,
    baseUrl,
    upstreamBase,
    headers,
  }: {
    items?: string;
    next: string;
    baseUrl: string;
    upstreamBase: string;
    /** Request headers for every page, e.g. an API key (`apikey`); never part of a URL or a message. */
    headers?: Record<string, string>;
  },
): AsyncGenerator<SourcePage> {
  const Envelope = z.object({ [items]: z.array(z.unknown()), [next]: z.string().optional() });
  let pageUrl: string | undefined = url;
  for (let pages = 0; pageUrl; pages++) {
    if (pages >= MAX_PAGES) throw new PipelineError(msg("run.tooManyPages", { url: redactUrl(url), max: MAX_PAGES }));
    const parsed = Envelope.safeParse(await context.fetchJson(pageUrl, { signal: context.signal, ...(headers ? { headers } : {}) }));
    if (!parsed.success) throw new PipelineError(msg("run.notAPage", { url: redactUrl(pageUrl), items, detail: String(parsed.error.issues[0]?.message) }));
    yield { origin: pageUrl, records: parsed.data[items] as unknown[] };
    const link = parsed.data[next] as string | undefined;
    pageUrl = link ? rebase(new URL(link, pageUrl).toString(), upstreamBase, baseUrl) : undefined;
  }
}

function rebase(link: string, upstreamBase: string, baseUrl: string): string {
  return link.startsWith(upstreamBase) && upstreamBase !== baseUrl ? baseUrl + link.slice(upstreamBase.length) : link;
}
