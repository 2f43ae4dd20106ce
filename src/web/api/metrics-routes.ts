import { HttpError } from "../http/http-error.ts";
import { msg } from "../../ground/i18n/message.ts";
import { hasBearer, type Route } from "../http/routes.ts";
import type { Metrics } from "../../engine/operations/metrics.ts";

/** Who may scrape: the addresses (comma-separated) and the optional bearer token, from the configuration. */
interface MetricsAccess {
  MM_METRICS_ALLOW: string;
  MM_METRICS_TOKEN?: string | undefined;
}

/** "::ffff:127.0.0.1" (IPv4 on an IPv6 socket) is 127.0.0.1. */
const plain = (address: string | undefined) => address?.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");

/**
 * Prometheus's scrape endpoint: only for the configured addresses (default: this machine) or with
 * the configured bearer token; everyone else gets 403, so the figures never reach the internet.
 */
export function metricsRoutes(route: Route, { metrics, config }: { metrics: Metrics; config: MetricsAccess }): void {
  const allowed = new Set(
    config.MM_METRICS_ALLOW.split(",")
      .map((a) => plain(a.trim()))
      .filter(Boolean),
  );
  route("GET /metrics", async (req, res) => {
    if (!allowed.has(plain(req.ip)) && !hasBearer(req, config.MM_METRICS_TOKEN)) {
      throw new HttpError(403, msg("metrics.denied"));
    }
    res
      .set("cache-control", "no-store")
      .type(metrics.registry.contentType)
      .send(await metrics.registry.metrics());
  });
}
