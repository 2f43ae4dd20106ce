/**
 * The account page's reading of the server (client/src/views/users/account-texts.ts): the field a 400
 * names is found in the problem's detail as the server words it (both languages, from the server's own
 * catalogue), and the rules shown as the admin types are the server's rules.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => vi.stubGlobal("document", { documentElement: { lang: "" } }));

import { ApiError } from "../../../client/src/api.ts";
import { setLang } from "../../../client/src/i18n.ts";
import { changeMessage, passwordRules, refusalText, refusedField, usernameRules } from "../../../client/src/views/users/account-texts.ts";
import { isValidUsername } from "../../../src/ground/contract/account-rules.ts";
import { MIN_PASSWORD_LENGTH, NewAccount } from "../../../src/ground/contract/requests/users.ts";
import { refusedParameter } from "../../../src/ground/domain-errors.ts";
import { msg, renderMessage, type Message } from "../../../src/ground/i18n/message.ts";
import { quoted } from "../../../src/ground/i18n/quoted.ts";

afterEach(() => setLang("nl"));

const fields = ["username", "password", "role"] as const;

/** The 400 the server sends for a refused body field, worded as it words it. */
function refusal(lang: "nl" | "en", field: string, reason: Message) {
  return new ApiError(400, "Bad request", renderMessage(lang, refusedParameter(field, reason, "body")));
}

describe("refusedField", () => {
  it("finds the field the server names, in both languages, even when the value names another field", () => {
    for (const lang of ["nl", "en"] as const) {
      // A username "role" that is taken: the field is still the username.
      const taken = refusal(lang, "username", msg("account.exists", { username: quoted("role") }));
      expect(refusedField(taken, fields)).toBe("username");
      expect(refusalText(taken)).toContain("role");
      expect(refusalText(taken)).not.toMatch(/parameter/);
      expect(refusedField(refusal(lang, "password", msg("account.passwordLength", { min: MIN_PASSWORD_LENGTH })), fields)).toBe("password");
    }
  });

  it("names no field for anything but a 400 with a detail", () => {
    expect(refusedField(new ApiError(429, "Too many", "body parameter password: busy"), fields)).toBeNull();
    expect(refusedField(new ApiError(400, "Bad request"), fields)).toBeNull();
    expect(refusedField(new TypeError("Failed to fetch"), fields)).toBeNull();
  });
});

describe("the rules as the admin types", () => {
  it("counts characters as people do, and meets the length rule exactly at the server's minimum", () => {
    expect(passwordRules("a".repeat(MIN_PASSWORD_LENGTH - 1))[0]!.met).toBe(false);
    expect(passwordRules("a".repeat(MIN_PASSWORD_LENGTH))[0]!.met).toBe(true);
    expect(passwordRules("🌳".repeat(MIN_PASSWORD_LENGTH))[0]!.met).toBe(true);
    expect(passwordRules("kort")[0]!.text).toBe(`minstens ${MIN_PASSWORD_LENGTH} tekens (nu 4)`);
    setLang("en");
    expect(passwordRules("kort")[0]!.text).toBe(`at least ${MIN_PASSWORD_LENGTH} characters (now 4)`);
  });

  it("takes the username rule from the same source as the server", () => {
    for (const name of ["noor.bakker", "a1", "Noor", "-noor", "n", "noor bakker", "x".repeat(65)])
      expect(usernameRules(name)[0]!.met, name).toBe(isValidUsername(name));
    expect(usernameRules("noor.bakker")[0]!.met).toBe(true);
    expect(usernameRules("Noor")[0]!.met).toBe(false);
    expect(NewAccount.safeParse({ username: "x".repeat(65), password: "p", role: "policy" }).success).toBe(false);
  });

  it("says how many sessions a change ended", () => {
    expect(changeMessage("Klaar.", 1)).toBe("Klaar. 1 sessie beëindigd.");
    expect(changeMessage("Klaar.", 3)).toBe("Klaar. 3 sessies beëindigd.");
    expect(changeMessage("Klaar.")).toBe("Klaar.");
  });
});
