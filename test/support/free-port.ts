/**
 * A free loopback port for a server whose port must be known before it starts (a child process, or a
 * monitor whose OpenID redirect URI names its port).
 *
 * `listen(0)` hands out a port from the kernel's ephemeral range, the same range every outgoing
 * connection takes its local port from: between closing the probe and the server's own listen, a
 * parallel test's client socket or server can take it (CI once failed on "port 40681 is in use").
 * Ports below that range are never handed out by the kernel, so a random one that is free now stays
 * free unless another test picks the same one by chance, one in thousands.
 */
import { readFileSync } from "node:fs";
import net from "node:net";

const LOWEST = 10_000;

/** The first port of the kernel's ephemeral range (Linux; 32768 where it cannot be read). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > LOWEST + 1000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

export async function freePort(): Promise<number> {
  const high = ephemeralLow();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (high - LOWEST));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port found between ${LOWEST} and ${high}`);
}
