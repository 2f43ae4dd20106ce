import type { Request, Response } from "express";

/** Aborts when the client goes away before the response is done, so its query is interrupted. */
export function requestSignal(_req: Request, res: Response): AbortSignal {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort(new Error("client disconnected"));
  });
  return controller.signal;
}
