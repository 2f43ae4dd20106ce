/**
 * Accounts: none by default outside demo mode, demo accounts disabled when their database is served
 * for real, the admin's account API, and sessions that end at once when an account changes.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authenticate, disableDemoAccounts, ensureDemoUsers } from "../../src/engine/auth/users.ts";
import { openDatabase } from "../../src/store/database.ts";
import { login, startTestMonitor, type Login, type TestMonitor } from "../support/test-server.ts";

let monitor: TestMonitor;
let admin: Login;

beforeAll(async () => {
  monitor = await startTestMonitor(inject("demoDir"));
  admin = await login(monitor.url, "admin");
});
afterAll(() => monitor?.close());

const send = (method: string, path: string, auth: Login, body?: unknown) =>
  fetch(`${monitor.url}${path}`, {
    method,
    headers: { cookie: auth.cookie, "x-csrf-token": auth.csrfToken, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const sessionStatus = async (auth: Login) => (await fetch(`${monitor.url}/api/v1/session`, { headers: { cookie: auth.cookie } })).status;

describe("the admin's account API", () => {
  it("adds an account, refusing short passwords and taken names with 400 naming the field", async () => {
    const added = await send("POST", "/api/v1/users", admin, { username: "inge.bos", password: "groene daken 2030", role: "policy" });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ username: "inge.bos", role: "policy", disabled: false });
    const short = await send("POST", "/api/v1/users", admin, { username: "kort", password: "kort", role: "policy" });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { invalidParams: { name: string }[] }).invalidParams[0]!.name).toBe("password");
    const taken = await send("POST", "/api/v1/users", admin, { username: "inge.bos", password: "groene daken 2030", role: "admin" });
    expect(((await taken.json()) as { invalidParams: { name: string }[] }).invalidParams[0]!.name).toBe("username");
    const session = await login(monitor.url, "inge.bos", "groene daken 2030");
    expect(await sessionStatus(session)).toBe(200);
  });

  it("ends a user's sessions at once when the role changes, and when the account is disabled", async () => {
    await send("POST", "/api/v1/users", admin, { username: "piet.de.vries", password: "vergunning verleend", role: "permit" });
    const first = await login(monitor.url, "piet.de.vries", "vergunning verleend");
    const second = await login(monitor.url, "piet.de.vries", "vergunning verleend");
    const changed = await send("PATCH", "/api/v1/users/piet.de.vries", admin, { role: "policy" });
    expect(await changed.json()).toMatchObject({ role: "policy", endedSessions: 2 });
    expect([await sessionStatus(first), await sessionStatus(second)]).toEqual([401, 401]);

    const again = await login(monitor.url, "piet.de.vries", "vergunning verleend");
    expect((await (await fetch(`${monitor.url}/api/v1/session`, { headers: { cookie: again.cookie } })).json()) as { role: string }).toMatchObject({
      role: "policy",
    });
    await send("PATCH", "/api/v1/users/piet.de.vries", admin, { disabled: true });
    expect(await sessionStatus(again)).toBe(401);
    await expect(login(monitor.url, "piet.de.vries", "vergunning verleend")).rejects.toThrow(/401/);
  });

  it("answers an unknown user with 404 and an empty change with 400", async () => {
    expect((await send("PATCH", "/api/v1/users/nobody", admin, { disabled: true })).status).toBe(404);
    expect((await send("PATCH", "/api/v1/users/inge.bos", admin, {})).status).toBe(400);
  });
});

describe("outside demo mode", () => {
  it("has no default account, and disables demo accounts that kept the demo password", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mm-accounts-"));
    try {
      const db = await openDatabase(path.join(dir, "a.duckdb"));
      expect(await authenticate(db, "admin", "demo")).toBeNull();
      await ensureDemoUsers(db, new Date());
      expect(await authenticate(db, "admin", "demo")).not.toBeNull();
      expect((await disableDemoAccounts(db)).sort()).toEqual(["admin", "analyst", "permit", "policy"]);
      expect(await authenticate(db, "admin", "demo")).toBeNull();
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** `npm run users -- …` on a database file of its own, the password on stdin. */
function usersCli(db: string, args: string[], stdin = ""): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/app/cli/users.ts", ...args], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, MM_DB: db },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("npm run users", () => {
  it("adds an account with the password from stdin, changes its role, disables it and lists it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mm-users-cli-"));
    const file = path.join(dir, "u.duckdb");
    try {
      expect(await usersCli(file, ["add", "anna", "--role", "analyst"], "te kort\n")).toMatchObject({
        code: 1,
        stderr: expect.stringContaining("at least 12"),
      });
      expect((await usersCli(file, ["add", "anna", "--role", "analyst"], "lange zin als wachtwoord\n")).code).toBe(0);
      expect((await usersCli(file, ["set-role", "anna", "admin"])).code).toBe(0);
      expect((await usersCli(file, ["disable", "anna"])).code).toBe(0);
      expect((await usersCli(file, ["list"])).stdout).toMatch(/^anna\s+admin\s+true\s/m);
      const db = await openDatabase(file);
      expect(await authenticate(db, "anna", "lange zin als wachtwoord")).toBeNull();
      db.close();
      expect((await usersCli(file, ["frobnicate"])).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
