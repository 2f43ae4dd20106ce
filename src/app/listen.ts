import type { Server } from "node:http";
import type { Express } from "express";
import type { Config } from "./config.ts";

/** Listens on HOST:PORT; a port in use is said in words. */
export function listen(app: Express, config: Pick<Config, "PORT" | "HOST">): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Express 5 calls back with the error when listening fails.
    const listening = app.listen(config.PORT, config.HOST, (error?: NodeJS.ErrnoException) => {
      if (!error) resolve(listening);
      else reject(error.code === "EADDRINUSE" ? new Error(`port ${config.PORT} is in use; stop the other server or set PORT`) : error);
    });
  });
}
