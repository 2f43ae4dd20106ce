/** Intercepts for the recorded upstream: each turns some requests into a failure or altered data. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { recordedPath, type Intercept } from "../../src/pipelines/framework/recorded-server.ts";

/** Answers matching requests with this status. */
export const failWith = (status: number, matches: (url: string, count: number) => boolean): Intercept => {
  let count = 0;
  return (req, res) => {
    if (!matches(req.url ?? "", ++count)) return false;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: "injected" }));
    return true;
  };
};

/** Serves matching recorded pages after changing their `data` with `edit`. */
export const editPages =
  (dir: string, matches: (url: string) => boolean, edit: (data: Record<string, unknown>[]) => unknown[]): Intercept =>
  (req, res) => {
    if (!matches(req.url ?? "")) return false;
    void readFile(path.join(dir, recordedPath(new URL(req.url ?? "/", "http://recorded"))), "utf8").then((text) => {
      const body = JSON.parse(text);
      body.data = edit(body.data);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    return true;
  };

/** Lets tests switch the intercept while one upstream server keeps running. */
export function switchable(): Intercept & { use(next: Intercept | null): void } {
  let current: Intercept | null = null;
  const intercept = ((req, res) => current?.(req, res) ?? false) as Intercept & { use(next: Intercept | null): void };
  intercept.use = (next) => {
    current = next;
  };
  return intercept;
}
