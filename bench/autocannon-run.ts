/** autocannon as a promise, and the figures every benchmark reports from its result. */
import autocannon from "autocannon";

export function runAutocannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
}

export const summary = (r: autocannon.Result) => ({
  rps: Math.round(r.requests.average),
  p50: r.latency.p50,
  p97_5: r.latency.p97_5,
  p99: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, { count }]) => [code, count ?? 0])) as Record<string, number>,
});
