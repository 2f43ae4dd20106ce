/**
 * The contract test's eyes: an Express middleware (createApp's `observe`) that sees every answer the
 * monitor gives an integration or browser test, and checks it against the served OpenAPI document
 * (contract-validator.ts). The test monitor's close() fails the test file with the drift found.
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { RequestHandler } from "express";
import { createContractValidator, describeDrift, type ContractValidator, type Drift, type Observation } from "./contract-validator.ts";

export interface ContractObserver {
  observe: RequestHandler;
  /** Reads the document the monitor serves; answers seen before are checked now, later ones as they finish. */
  load(baseUrl: string): Promise<void>;
  readonly drift: readonly Drift[];
  /** Throws, listing each drift once, when any answer broke the document. */
  assertNoDrift(): void;
}

const headerText = (value: number | string | string[] | undefined) =>
  value === undefined ? undefined : Array.isArray(value) ? value.join(", ") : String(value);

/** The text of a body sent whole; the answer cache sends its gzipped copy as it is. */
function decoded(sent: string | Buffer | undefined, encoding: string | undefined): string | undefined {
  if (typeof sent !== "object") return sent;
  return (encoding === "gzip" ? gunzipSync(sent) : encoding === "br" ? brotliDecompressSync(sent) : sent).toString("utf8");
}

export function createContractObserver(): ContractObserver {
  let validator: ContractValidator | undefined;
  const waiting: Observation[] = [];
  const drift: Drift[] = [];
  const check = (observation: Observation) => (validator ? drift.push(...validator.check(observation)) : waiting.push(observation));

  const observe: RequestHandler = (req, res, next) => {
    const method = req.method;
    const path = new URL(req.originalUrl, "http://monitor.invalid").pathname;
    let sent: string | Buffer | undefined;
    const send = res.send.bind(res);
    // res.json and res.send both end here with the whole text; a streamed answer (CSV, Arrow) has none.
    res.send = (chunk?: unknown) => {
      if (typeof chunk === "string" || Buffer.isBuffer(chunk)) sent = chunk;
      return send(chunk);
    };
    res.on("finish", () => {
      const headers = Object.fromEntries(Object.entries(res.getHeaders()).map(([name, value]) => [name.toLowerCase(), headerText(value)]));
      check({ method, path, status: res.statusCode, headers, body: decoded(sent, headers["content-encoding"]) });
    });
    next();
  };

  return {
    observe,
    async load(baseUrl) {
      const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
      if (!response.ok) throw new Error(`contract test: GET /api/v1/openapi.json answered ${response.status}`);
      validator = createContractValidator((await response.json()) as Record<string, unknown>);
      for (const observation of waiting.splice(0)) check(observation);
    },
    drift,
    assertNoDrift() {
      const lines = [...new Set(describeDrift(drift).split("\n"))].filter(Boolean);
      if (lines.length > 0) throw new Error(`answers that break the OpenAPI document (contract test):\n${lines.join("\n")}`);
    },
  };
}
