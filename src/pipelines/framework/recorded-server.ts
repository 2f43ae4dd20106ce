/**
 * Serves recorded upstream responses over real HTTP on loopback. The demo runs its pipelines against
 * it, and tests use it as the upstream, so no code path differs from the live API but the base URL.
 * A request maps to a file by path and sorted query: GET /stations?page=2 → stations/page=2.json
 * (a query longer than 200 characters is cut and ends in its hash). A file asked for by its own name
 * (GET /2020/2020_NO2.csv) is that file, served with the type its extension says.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createHash } from "node:crypto";

/** Longer file names (a WFS filter in the query) are cut and end in a hash: file systems take 255 bytes. */
const MAX_NAME = 200;

export function recordedPath(url: URL): string {
  const params = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b));
  const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (segments.some((s) => s === ".." || s.includes(path.sep))) throw new Error(`unsafe path: ${url.pathname}`);
  const base = path.join(...segments);
  if (!query) return servedAsIs(base) ? base : `${base}.json`;
  const name = query.length <= MAX_NAME ? query : `${query.slice(0, 100)}~${createHash("sha256").update(query).digest("hex").slice(0, 32)}`;
  return path.join(base, `${name}.json`);
}

/** Extensions of files recorded byte for byte (bulk downloads), and the type each is served with. */
const fileTypes: Record<string, string> = { ".csv": "text/csv", ".txt": "text/plain", ".zip": "application/zip" };
const servedAsIs = (file: string) => path.extname(file).toLowerCase() in fileTypes;

export interface RecordedServer {
  url: string;
  /** Requests answered so far, in order: lets tests assert what was fetched. */
  requests: string[];
  close(): Promise<void>;
}

/** Return true after answering a request yourself (tests inject faults this way). */
export type Intercept = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

export async function startRecordedServer(dir: string, intercept?: Intercept): Promise<RecordedServer> {
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    requests.push(req.url ?? "");
    if (intercept?.(req, res)) return;
    try {
      const file = path.join(dir, recordedPath(new URL(req.url ?? "/", "http://recorded")));
      const info = await stat(file);
      const type = fileTypes[path.extname(file).toLowerCase()] ?? "application/json; charset=utf-8";
      res.writeHead(200, { "content-type": type, "content-length": info.size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `no recorded response for ${req.url}` }));
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
