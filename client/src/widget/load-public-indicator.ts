/**
 * Fetches one public indicator from a monitor, as another site's page does: no cookies
 * (`credentials: "omit"`), so the answer is the same for every visitor and no session leaks across
 * sites.
 */
import type { PublicIndicator } from "../../../src/ground/contract/contract-public.ts";

/** Thrown for an unknown or non-public indicator, and for any answer that is not one. */
export class IndicatorUnavailable extends Error {}

/**
 * The monitor's base URL: the `src` attribute, or else where this script was loaded from (the
 * script lives at `<monitor>/widget/mm-indicator.js`, so one folder up, which also works when the
 * monitor is served under a path prefix).
 */
export function monitorBase(src: string | null | undefined, scriptUrl: string): URL {
  if (src) return new URL(src.endsWith("/") ? src : `${src}/`, document.baseURI);
  return new URL("../", scriptUrl);
}

const isLocalized = (value: unknown): boolean =>
  typeof value === "object" && value !== null && typeof (value as { nl?: unknown }).nl === "string" && typeof (value as { en?: unknown }).en === "string";

export async function loadPublicIndicator(base: URL, id: string, signal: AbortSignal): Promise<PublicIndicator> {
  const url = new URL(`api/v1/public/indicators/${encodeURIComponent(id)}`, base);
  const response = await fetch(url, { credentials: "omit", signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new IndicatorUnavailable(`${url}: ${response.status}`);
  const body = (await response.json()) as PublicIndicator;
  // Another site's page must not break on a proxy's error page or an older monitor: check the essentials.
  if (!isLocalized(body?.name) || !Array.isArray(body.recent) || typeof body.unit !== "string") throw new IndicatorUnavailable(`${url}: not an indicator`);
  return body;
}
