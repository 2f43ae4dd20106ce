/** The SSO settings fail at boot when half configured, and groups map to the most privileged role. */
import { describe, expect, it } from "vitest";
import { readGroups, roleForGroups } from "../../../src/engine/auth/oidc-roles.ts";
import { parseRoleMap } from "../../../src/engine/auth/oidc-settings.ts";
import { usernameBase } from "../../../src/engine/auth/oidc-users.ts";
import { loadConfig } from "../../../src/app/config.ts";

const complete = {
  MM_OIDC_ISSUER: "https://login.example.nl/realms/gemeente",
  MM_OIDC_CLIENT_ID: "milieumonitor",
  MM_OIDC_REDIRECT_URI: "https://milieu.example.nl/api/v1/session/oidc/callback",
  MM_OIDC_ROLE_MAP: "gm-milieu-beleid=policy,gm-vergunningen=permit,gm-data=analyst,gm-admin=admin",
};

describe("OIDC settings", () => {
  it("is off by default and reads a complete configuration", () => {
    expect(loadConfig({}).MM_OIDC_ISSUER).toBeUndefined();
    const config = loadConfig(complete);
    expect(config.MM_OIDC_SCOPE).toBe("openid profile");
    expect(config.MM_OIDC_GROUPS_CLAIM).toBe("groups");
    expect([...config.MM_OIDC_ROLE_MAP]).toEqual([
      ["gm-milieu-beleid", "policy"],
      ["gm-vergunningen", "permit"],
      ["gm-data", "analyst"],
      ["gm-admin", "admin"],
    ]);
  });

  it("names what is missing when the issuer is set", () => {
    expect(() => loadConfig({ MM_OIDC_ISSUER: complete.MM_OIDC_ISSUER })).toThrow(
      /MM_OIDC_CLIENT_ID is required when MM_OIDC_ISSUER is set[\s\S]*MM_OIDC_REDIRECT_URI is required[\s\S]*MM_OIDC_ROLE_MAP is required/,
    );
  });

  it("refuses plain http except on loopback, a redirect URI that is not the callback, and unknown roles", () => {
    expect(() => loadConfig({ ...complete, MM_OIDC_ISSUER: "http://login.example.nl" })).toThrow(/MM_OIDC_ISSUER must use https/);
    expect(loadConfig({ ...complete, MM_OIDC_ISSUER: "http://127.0.0.1:8080" }).MM_OIDC_ISSUER).toBe("http://127.0.0.1:8080");
    expect(() => loadConfig({ ...complete, MM_OIDC_REDIRECT_URI: "https://milieu.example.nl/callback" })).toThrow(
      /must end in \/api\/v1\/session\/oidc\/callback/,
    );
    expect(() => loadConfig({ ...complete, MM_OIDC_ROLE_MAP: "gm-admin=root" })).toThrow(
      /group gm-admin: role must be one of policy, permit, analyst, admin, got "root"/,
    );
    expect(() => loadConfig({ ...complete, MM_OIDC_ROLE_MAP: "gm-admin" })).toThrow(/"gm-admin" is not group=role/);
    expect(() => loadConfig({ ...complete, MM_OIDC_SCOPE: "profile groups" })).toThrow(/must include "openid"/);
  });

  it("takes a JSON role map for group names with commas", () => {
    expect(parseRoleMap('{"cn=gm-admin,ou=groups,dc=gemeente,dc=nl": "admin"}').get("cn=gm-admin,ou=groups,dc=gemeente,dc=nl")).toBe("admin");
  });
});

describe("groups to role", () => {
  const roleMap = parseRoleMap(complete.MM_OIDC_ROLE_MAP);

  it("gives the most privileged mapped role, or none", () => {
    expect(roleForGroups(["gm-milieu-beleid", "gm-data", "gm-sport"], roleMap)).toBe("analyst");
    expect(roleForGroups(["gm-vergunningen", "gm-admin"], roleMap)).toBe("admin");
    expect(roleForGroups(["gm-sport"], roleMap)).toBeNull();
    expect(roleForGroups([], roleMap)).toBeNull();
  });

  it("reads a list, a single string or a dotted path, and nothing from other shapes", () => {
    expect(readGroups({ groups: ["a", 1, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(readGroups({ groups: "a" }, "groups")).toEqual(["a"]);
    expect(readGroups({ realm_access: { roles: ["gm-admin"] } }, "realm_access.roles")).toEqual(["gm-admin"]);
    expect(readGroups({ "https://gemeente.nl/groups": ["x"] }, "https://gemeente.nl/groups")).toEqual(["x"]);
    expect(readGroups({ groups: { admin: true } }, "groups")).toEqual([]);
    expect(readGroups({}, "__proto__.constructor")).toEqual([]);
  });
});

describe("SSO usernames", () => {
  it("are made from the preferred name, prefixed so no password account can have them", () => {
    expect(usernameBase({ preferred_username: "J.de.Vries@gemeente.nl" })).toBe("sso:j.de.vries-gemeente.nl");
    expect(usernameBase({ name: "Zoë Çelik" })).toBe("sso:zoe-celik");
    expect(usernameBase({ preferred_username: "  ", name: "<script>" })).toBe("sso:script");
    expect(usernameBase({})).toBe("sso:user");
  });
});
