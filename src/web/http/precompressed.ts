/**
 * Serves the build's pre-compressed copies (src/app/precompress-assets.ts): for a GET or HEAD of a
 * file that has a .br or .gz beside it, the best encoding the client accepts is sent with the
 * original's content type, `Content-Encoding` and `Vary: Accept-Encoding`. Anything else falls
 * through to express.static, which sends the file as it is.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { RequestHandler } from "express";
import express from "express";

const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

export function precompressed(root: string, cacheControl: (file: string) => string): RequestHandler {
  const base = path.resolve(root);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(base, relative.endsWith("/") ? `${relative}index.html` : relative);
    if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
    const available = ENCODINGS.filter((e) => existsSync(file + e.suffix));
    if (available.length === 0) return next();
    res.vary("Accept-Encoding");
    const accepted = req.acceptsEncodings(...available.map((e) => e.name), "identity");
    const encoding = available.find((e) => e.name === accepted);
    if (!encoding) return next();
    res.type(path.extname(file));
    res.set({ "content-encoding": encoding.name, "cache-control": cacheControl(file) });
    // send() keeps a content type already set, so the .br copy goes out as the script or style it is.
    res.sendFile(file + encoding.suffix, (error) => {
      if (error) next(error);
    });
  };
}

/** express.static for the same folder, with the same cache rule; after precompressed(). */
export const staticFiles = (root: string, cacheControl: (file: string) => string) =>
  express.static(root, { index: "index.html", setHeaders: (res, file) => res.set("cache-control", cacheControl(file)) });
