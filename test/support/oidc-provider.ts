/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback, for single sign-on tests.
 * One public client with PKCE required; accounts are a map the test edits between logins. The login
 * and consent pages are replaced by a programmatic interaction that signs in as `signInAs` and grants
 * what the client asked for, so a test drives the whole flow with plain HTTP requests.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

export interface AccountClaims {
  name?: string;
  preferred_username?: string;
  email?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  /** Account id (= the `sub` claim) → the other claims; edit between logins. */
  accounts: Map<string, AccountClaims>;
  /** The account the next login signs in as, as if the user typed its credentials. */
  signInAs: string;
  close(): Promise<void>;
}

export async function startTestProvider({ clientId, redirectUri }: { clientId: string; redirectUri: string }): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, AccountClaims>();
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

  const configuration: Configuration = {
    clients: [
      { client_id: clientId, token_endpoint_auth_method: "none", redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"] },
    ],
    pkce: { required: () => true },
    scopes: ["openid", "profile", "email", "groups"],
    claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email"], groups: ["groups"] },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test", use: "sig", alg: "RS256" }] as never },
  };
  const provider = new Provider(issuer, configuration);
  const state: TestProvider = {
    issuer,
    accounts,
    signInAs: "",
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  async function interact(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === "login") {
      return provider.interactionFinished(req, res, { login: { accountId: state.signInAs } }, { mergeWithLastSubmission: false });
    }
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }

  const handle = provider.callback();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith("/interaction/")) return void handle(req, res);
    interact(req, res).catch((error: Error) => {
      res.statusCode = 500;
      res.end(`interaction failed: ${error.message}`);
    });
  });
  return state;
}
