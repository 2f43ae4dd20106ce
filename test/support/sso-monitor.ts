/**
 * A test monitor with single sign-on against a real OpenID Connect provider on loopback, configured
 * through the config schema as the environment would configure it.
 */
import { loadConfig } from "../../src/app/config.ts";
import { freePort } from "./free-port.ts";
import { startTestProvider, type TestProvider } from "./oidc-provider.ts";
import { startTestMonitor, type TestMonitor, type TestMonitorOptions } from "./test-server.ts";

export const SSO_ROLE_MAP = "gm-milieu-beleid=policy,gm-vergunningen=permit,gm-data=analyst,gm-admin=admin";

export async function startSsoMonitor(
  demoDir: string,
  options: Pick<TestMonitorOptions, "log"> = {},
): Promise<{ monitor: TestMonitor; provider: TestProvider }> {
  const clientId = "milieumonitor";
  // The monitor's port is needed before it starts: the provider registers the client's redirect URI.
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/api/v1/session/oidc/callback`;
  const provider = await startTestProvider({ clientId, redirectUri });
  const { MM_OIDC_ISSUER, MM_OIDC_CLIENT_ID, MM_OIDC_REDIRECT_URI, MM_OIDC_SCOPE, MM_OIDC_ROLE_MAP } = loadConfig({
    MM_OIDC_ISSUER: provider.issuer,
    MM_OIDC_CLIENT_ID: clientId,
    MM_OIDC_REDIRECT_URI: redirectUri,
    MM_OIDC_SCOPE: "openid profile groups",
    MM_OIDC_ROLE_MAP: SSO_ROLE_MAP,
  });
  try {
    const monitor = await startTestMonitor(demoDir, {
      ...options,
      config: { PORT: port, MM_OIDC_ISSUER, MM_OIDC_CLIENT_ID, MM_OIDC_REDIRECT_URI, MM_OIDC_SCOPE, MM_OIDC_ROLE_MAP },
    });
    return { monitor, provider };
  } catch (error) {
    await provider.close();
    throw error;
  }
}
