/**
 * The OpenID Connect settings, part of the environment config (src/app/config.ts). Single sign-on is
 * off unless MM_OIDC_ISSUER is set; when it is, the client id, the redirect URI and a role map are
 * required, so a half-configured SSO fails at boot rather than at the first login.
 */
import { z } from "zod";
import { roles, type Role } from "../../ground/contract/contract.ts";

export const OIDC_CALLBACK_PATH = "/api/v1/session/oidc/callback";

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);
/** Plain http is allowed for a provider on this machine only (tests, a local Keycloak); never across a network. */
export const isLoopback = (url: URL) => loopbackHosts.has(url.hostname);

const ROLE_MAP_EXAMPLE = '"gm-milieu-beleid=policy,gm-vergunningen=permit,gm-data=analyst,gm-admin=admin"';

/**
 * `group=role` pairs separated by commas, or a JSON object `{"group": "role"}` for group names that
 * contain commas (LDAP distinguished names).
 * @example parseRoleMap("gm-admin=admin,gm-data=analyst") // Map { "gm-admin" => "admin", "gm-data" => "analyst" }
 */
export function parseRoleMap(text: string): Map<string, Role> {
  const trimmed = text.trim();
  const pairs: [string, unknown][] = trimmed.startsWith("{")
    ? Object.entries(JSON.parse(trimmed) as Record<string, unknown>)
    : trimmed
        .split(",")
        .filter((entry) => entry.trim() !== "")
        .map((entry) => {
          const at = entry.lastIndexOf("=");
          if (at <= 0) throw new Error(`"${entry.trim()}" is not group=role`);
          return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
        });
  const map = new Map<string, Role>();
  for (const [group, role] of pairs) {
    if (!roles.includes(role as Role)) throw new Error(`group ${group}: role must be one of ${roles.join(", ")}, got "${String(role)}"`);
    map.set(group, role as Role);
  }
  return map;
}

const RoleMap = z
  .string()
  .default("")
  .transform((text, ctx) => {
    try {
      return parseRoleMap(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `MM_OIDC_ROLE_MAP must be like ${ROLE_MAP_EXAMPLE}: ${(error as Error).message}` });
      return z.NEVER;
    }
  });

export const oidcSettings = {
  /** The provider's issuer URL; its /.well-known/openid-configuration is read at the first SSO login. */
  MM_OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: "MM_OIDC_ISSUER must be the provider's issuer URL, like https://login.example.nl/realms/gemeente" })
    .refine((issuer) => issuer.startsWith("https:") || isLoopback(new URL(issuer)), {
      error: "MM_OIDC_ISSUER must use https (plain http only on 127.0.0.1 or localhost)",
    })
    .optional(),
  MM_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Leave unset for a public client: the code is then protected by PKCE alone. */
  MM_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  MM_OIDC_REDIRECT_URI: z
    .url({ error: `MM_OIDC_REDIRECT_URI must be the monitor's callback URL, like https://milieu.example.nl${OIDC_CALLBACK_PATH}` })
    .refine((uri) => new URL(uri).pathname === OIDC_CALLBACK_PATH, { error: `MM_OIDC_REDIRECT_URI must end in ${OIDC_CALLBACK_PATH}` })
    .optional(),
  MM_OIDC_SCOPE: z
    .string()
    .default("openid profile")
    .refine((scope) => scope.split(/\s+/).includes("openid"), { error: 'MM_OIDC_SCOPE must include "openid", e.g. "openid profile groups"' }),
  /** The claim (in the ID token or from userinfo) that lists the user's groups; a dotted path reaches into an object. */
  MM_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  MM_OIDC_ROLE_MAP: RoleMap,
};

export type OidcConfig = z.output<z.ZodObject<typeof oidcSettings>>;

/** Cross-field rule for the config schema's superRefine. */
export function checkOidcSettings(config: OidcConfig, ctx: z.RefinementCtx): void {
  if (!config.MM_OIDC_ISSUER) return;
  const required = {
    MM_OIDC_CLIENT_ID: config.MM_OIDC_CLIENT_ID ? null : 'the client id registered at the provider, e.g. "milieumonitor"',
    MM_OIDC_REDIRECT_URI: config.MM_OIDC_REDIRECT_URI
      ? null
      : `the callback URL registered at the provider, e.g. https://milieu.example.nl${OIDC_CALLBACK_PATH}`,
    MM_OIDC_ROLE_MAP: config.MM_OIDC_ROLE_MAP.size ? null : `which group gets which role, e.g. ${ROLE_MAP_EXAMPLE}`,
  };
  for (const [key, hint] of Object.entries(required)) {
    if (hint) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required when MM_OIDC_ISSUER is set: ${hint}` });
  }
}

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: URL;
  scope: string;
  groupsClaim: string;
  roleMap: ReadonlyMap<string, Role>;
}

/** The settings as oidc.ts uses them, or null when single sign-on is off. */
export function resolveOidcSettings(config: OidcConfig): OidcSettings | null {
  if (!config.MM_OIDC_ISSUER || !config.MM_OIDC_CLIENT_ID || !config.MM_OIDC_REDIRECT_URI) return null;
  return {
    issuer: new URL(config.MM_OIDC_ISSUER),
    clientId: config.MM_OIDC_CLIENT_ID,
    clientSecret: config.MM_OIDC_CLIENT_SECRET,
    redirectUri: new URL(config.MM_OIDC_REDIRECT_URI),
    scope: config.MM_OIDC_SCOPE,
    groupsClaim: config.MM_OIDC_GROUPS_CLAIM,
    roleMap: config.MM_OIDC_ROLE_MAP,
  };
}
