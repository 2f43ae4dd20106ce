/**
 * The oidc profile's pieces agree: deploy/oidc.env (the monitor's MM_OIDC_* settings) and the Keycloak
 * realm it imports (deploy/keycloak/milieumonitor-realm.json), read as the monitor reads its settings.
 */
import { describe, expect, it } from "vitest";
import { roles } from "../../src/ground/contract/contract.ts";
import { roleForGroups } from "../../src/engine/auth/oidc-roles.ts";
import { resolveOidcSettings } from "../../src/engine/auth/oidc-settings.ts";
import { loadConfig } from "../../src/app/config.ts";
import { parseEnvFile, readRepoFile } from "../support/docker-files.ts";

interface RealmClient {
  clientId: string;
  publicClient: boolean;
  secret: string;
  standardFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  redirectUris: string[];
  attributes: Record<string, string>;
  protocolMappers: { protocolMapper: string; config: Record<string, string> }[];
}
interface Realm {
  realm: string;
  groups: { name: string }[];
  users: { username: string; enabled: boolean; groups: string[]; credentials: { temporary: boolean }[] }[];
  clients: RealmClient[];
}

const realm = JSON.parse(readRepoFile("deploy/keycloak/milieumonitor-realm.json")) as Realm;
const settings = resolveOidcSettings(loadConfig(parseEnvFile(readRepoFile("deploy/oidc.env"))));

describe("the oidc profile's settings and realm", () => {
  it("are a complete single sign-on configuration for the monitor", () => {
    expect(settings).not.toBeNull();
    expect(settings!.issuer.href).toBe(`http://localhost:8080/realms/${realm.realm}`);
  });

  it("register the monitor as a confidential client with PKCE and the code flow only", () => {
    const client = realm.clients.find((c) => c.clientId === settings!.clientId);
    expect(client).toBeDefined();
    expect(client).toMatchObject({ publicClient: false, secret: settings!.clientSecret, standardFlowEnabled: true, directAccessGrantsEnabled: false });
    expect(client!.attributes["pkce.code.challenge.method"]).toBe("S256");
    expect(client!.redirectUris).toEqual([settings!.redirectUri.href]);
  });

  it("put the group names, not paths, in the claim the monitor reads", () => {
    const client = realm.clients.find((c) => c.clientId === settings!.clientId)!;
    const mapper = client.protocolMappers.find((m) => m.protocolMapper === "oidc-group-membership-mapper");
    expect(mapper?.config).toMatchObject({
      "claim.name": settings!.groupsClaim,
      "full.path": "false",
      "id.token.claim": "true",
      "userinfo.token.claim": "true",
    });
  });

  it("have a demo user for every role, and one in no mapped group who gets no access", () => {
    const realmGroups = new Set(realm.groups.map((g) => g.name));
    expect([...settings!.roleMap.keys()].filter((group) => !realmGroups.has(group))).toEqual([]);
    const roleOf = (user: Realm["users"][number]) =>
      roleForGroups(
        user.groups.map((path) => path.replace(/^\//, "")),
        settings!.roleMap,
      );
    expect(new Set(realm.users.map(roleOf))).toEqual(new Set([...roles, null]));
    expect(realm.users.every((user) => user.enabled && user.credentials.every((c) => !c.temporary))).toBe(true);
  });
});
