/**
 * Answers built from published data, kept serialised (and gzipped once) per audience, URL and
 * format, for the data version they were built from. A repeated request then costs a lookup: no
 * query, no JSON.stringify. A client that sends the answer's ETag back gets 304.
 *
 * The ETag is the hash of the bytes, so it changes exactly when the answer does; the key holds the
 * audience (disclosure control) and the data version, so no role ever gets another role's answer.
 * These answers are aggregates, so a browser may keep them (`private, no-cache`: revalidated every
 * time, never stored by a shared cache); dossiers and everything else stay `no-store` (see app.ts).
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Request, Response } from "express";
import type { Database } from "../../store/database.ts";
import { buildFromOneVersion, versionString, versionTag } from "./data-version.ts";

export interface Answer {
  type: string;
  body: Buffer;
  /** Sent as an attachment with this file name (CSV, Arrow). */
  filename?: string;
}

interface Entry {
  /** The data version and the day it was built for. */
  version: string;
  dataVersion: string;
  answer: Answer;
  etag: string;
  gzipped?: Buffer;
}

/** Below this, gzip costs more than it saves. */
const GZIP_FROM_BYTES = 1024;

export interface AnswerCache {
  /**
   * Sends the answer for this request: from the cache when the pipelines it reads (all when not
   * given) published nothing since it was built, else built once from one data version. `variant`
   * is what besides the path decides the answer: the format and the parsed query.
   */
  send(req: Request, res: Response, options: { audience: string; variant: string; pipelines?: readonly string[]; build: () => Promise<Answer> }): Promise<void>;
}

export function createAnswerCache(db: Database, { maxEntries = 256, day }: { maxEntries?: number; day: () => string }): AnswerCache {
  const entries = new Map<string, Entry>();

  function remember(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  /** Builds in progress, by key and version: concurrent misses share one build. */
  const building = new Map<string, Promise<Entry>>();

  async function build(key: string, today: string, pipelines: readonly string[] | undefined, make: () => Promise<Answer>): Promise<Entry> {
    const { value: answer, version } = await buildFromOneVersion(db, make, pipelines);
    const etag = `W/"${createHash("sha1").update(answer.body).digest("base64url").slice(0, 22)}"`;
    const entry = { version: `${version}|${today}`, dataVersion: versionTag(version), answer, etag };
    remember(key, entry);
    return entry;
  }

  return {
    async send(req, res, { audience, variant, pipelines, build: make }) {
      // Freshness is judged against today, so an answer is also a day's.
      const today = day();
      // The path and the parsed query (in variant), not the raw URL: junk parameters make no entries.
      const key = `${audience}|${variant}|${req.path}`;
      const version = `${versionString(await db.published.settled(), pipelines)}|${today}`;
      let entry = entries.get(key);
      if (entry?.version === version) {
        remember(key, entry);
      } else {
        const inFlight = `${key}|${version}`;
        let pending = building.get(inFlight);
        if (!pending) {
          pending = build(key, today, pipelines, make).finally(() => building.delete(inFlight));
          building.set(inFlight, pending);
        }
        entry = await pending;
      }
      const { answer } = entry;
      // attachment() first: it sets the type from the file name's extension, which knows no .parquet.
      if (answer.filename) res.attachment(answer.filename);
      res.set("cache-control", "private, no-cache").set("etag", entry.etag).set("x-data-version", entry.dataVersion).vary("Accept-Encoding").type(answer.type);
      // Express answers 304 itself when the request's If-None-Match matches the ETag.
      if (answer.body.length >= GZIP_FROM_BYTES && req.acceptsEncodings("gzip", "identity") === "gzip") {
        entry.gzipped ??= gzipSync(answer.body);
        res.set("content-encoding", "gzip").send(entry.gzipped);
      } else {
        res.send(answer.body);
      }
    },
  };
}

export const jsonAnswer = (value: unknown): Answer => ({ type: "application/json; charset=utf-8", body: Buffer.from(JSON.stringify(value)) });
