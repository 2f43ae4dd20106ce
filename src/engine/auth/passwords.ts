/** scrypt (memory-hard, in Node's crypto): `scrypt$N$r$p$salt$hash`, parameters stored per hash. */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { createWorkGate } from "./work-gate.ts";

/**
 * scrypt runs on libuv's thread pool (four threads), which DuckDB's queries and file reads share, and
 * takes ~0.2 s of a core: a burst of logins would hold every thread and both cores of a small server,
 * health probe included. One hash runs at a time, then its place rests as long as it worked (half a
 * core at most), and four wait; past that, `PasswordCheckBusy` at once. About 2–3 logins a second
 * still pass during a flood (npm run bench -- login-flood).
 */
const hashing = createWorkGate({ running: 1, waiting: 4, restRatio: 1 });

/** Too many passwords are being hashed already; nothing was checked. */
export class PasswordCheckBusy extends Error {
  constructor() {
    super("too many password checks at once");
  }
}

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  hashing.run(
    () => new Promise<Buffer>((resolve, reject) => scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)))),
    () => new PasswordCheckBusy(),
  );

const N = 2 ** 15;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;
const maxmem = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem });
  return ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await scrypt(password, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(rr), p: Number(pp), maxmem });
  return timingSafeEqual(key, expected);
}

/** Spends the same time as a real check, so unknown usernames are not revealed by timing. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("not-a-real-password");
  await verifyPassword(password, await dummyHash);
  return false;
}
