/**
 * The OpenID Connect relying party, on `openid-client`: authorisation code flow with PKCE (S256),
 * `state` and `nonce`. The provider's metadata is discovered at the first login, not at start, so the
 * monitor starts while the provider is down; a failed discovery is retried at the next login.
 */
import * as client from "openid-client";
import { isLoopback, type OidcSettings } from "./oidc-settings.ts";

/** What the callback must check: kept server-side between the redirect to the provider and its answer. */
export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A verified login: the provider's immutable subject id and the claims of the ID token and userinfo. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
}

export interface OidcClient {
  /** A new login: the provider's authorization URL and the checks to keep for the callback. */
  begin(): Promise<{ url: URL; checks: LoginChecks }>;
  /** Exchanges the code of `callbackUrl`; throws when the state, nonce, PKCE verifier or ID token fail. */
  complete(callbackUrl: URL, checks: LoginChecks): Promise<OidcIdentity>;
}

export function createOidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= client
      .discovery(
        settings.issuer,
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None(),
        // Plain http only for a provider on loopback; the settings refuse it for any other host.
        isLoopback(settings.issuer) && settings.issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    async begin() {
      const config = await configuration();
      const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri.href,
        scope: settings.scope,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: "S256",
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url, checks };
    },

    async complete(callbackUrl, checks) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error("the provider returned no ID token");
      // Providers put profile and group claims in the ID token or only behind userinfo; ask for the rest.
      const userinfo = config.serverMetadata().userinfo_endpoint ? await client.fetchUserInfo(config, tokens.access_token, idToken.sub) : {};
      return { issuer: idToken.iss, subject: idToken.sub, claims: { ...userinfo, ...idToken } };
    },
  };
}
