/**
 * `<mm-login>`: username and password, and a link to single sign-on when the server has it. On
 * success it fires `mm-login` with the `SessionInfo`; the shell decides where to go next. An SSO
 * login that was refused comes back here as `#/login?sso=<reason>`. `next`, the page asked for
 * before logging in, goes along with single sign-on, whose callback returns there.
 */
import { LitElement, css, html } from "lit";
import type { SessionInfo, SsoRefusal } from "../../../src/ground/contract/contract.ts";
import { ApiError } from "../api.ts";
import { api } from "../api-client.ts";
import { describeError } from "../error-text.ts";
import { LangController, t, type MessageKey } from "../i18n.ts";
import { hrefFor } from "../routes.ts";
import { baseStyles } from "../styles.ts";

export type LoginEvent = CustomEvent<SessionInfo>;

export class LoginView extends LitElement {
  static override properties = {
    pending: { state: true },
    failure: { state: true },
    sso: { state: true },
    next: { attribute: false },
  };
  declare pending: boolean;
  /** A message key, and the error it is about, so the text follows a language switch. */
  declare failure: { key: MessageKey; error?: unknown } | null;
  /** The server offers single sign-on (OpenID Connect). */
  declare sso: boolean;
  /** The app page to return to after logging in, e.g. `/indicators/no2-annual-mean` (validated by the route). */
  declare next: string | undefined;

  static override styles = [
    baseStyles,
    css`
      form {
        max-width: 24rem;
        margin: 2rem auto;
        display: grid;
        gap: 0.9rem;
      }
      label {
        display: grid;
        gap: 0.25rem;
        font-weight: 600;
      }
      input {
        font: inherit;
        padding: 0.5rem 0.6rem;
        border: 1px solid #7b8a8e;
        border-radius: 6px;
      }
      .hint {
        font-size: 0.9rem;
      }
      .sso {
        display: grid;
        gap: 0.5rem;
        text-align: center;
      }
      .sso a {
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.pending = false;
    this.failure = null;
    this.sso = false;
    this.next = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const refusal = new URLSearchParams(location.hash.split("?")[1] ?? "").get("sso");
    if (refusal !== null && Object.hasOwn(ssoMessages, refusal)) {
      this.failure = { key: ssoMessages[refusal as SsoRefusal] };
      // Shown once: a reload or a bookmark of the login page should not repeat the refusal.
      history.replaceState(null, "", hrefFor(this.next === undefined ? { name: "login" } : { name: "login", next: this.next }));
    }
    api.get("GET /api/v1/session/options").then(
      (options) => (this.sso = options.sso),
      () => (this.sso = false),
    );
  }

  protected override render() {
    return html`<form class="panel" @submit=${this.#submit} aria-labelledby="login-title">
      <h1 id="login-title">${t("login.title")}</h1>
      ${
        this.sso
          ? html`<p class="sso">
              <a href=${api.url("GET /api/v1/session/oidc", { query: { next: this.next } })} data-testid="login-sso">${t("login.sso")}</a>
              <span class="muted">${t("login.ssoOr")}</span>
            </p>`
          : null
      }
      <label>
        ${t("login.username")}
        <input name="username" autocomplete="username" required autofocus />
      </label>
      <label>
        ${t("login.password")}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      ${this.failure ? html`<p class="alert" role="alert" data-testid="login-error">${t(this.failure.key, { message: this.failure.error === undefined ? "" : describeError(this.failure.error) })}</p>` : null}
      <button type="submit" ?disabled=${this.pending} aria-busy=${this.pending ? "true" : "false"}>
        ${this.pending ? t("login.pending") : t("login.submit")}
      </button>
      <p class="hint muted" data-testid="demo-accounts">${t("login.demoHint")}</p>
    </form>`;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.pending) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const credentials = { username: String(data.get("username") ?? ""), password: String(data.get("password") ?? "") };
    this.pending = true;
    this.failure = null;
    try {
      const session = await api.send("POST /api/v1/session", { body: credentials });
      this.dispatchEvent(new CustomEvent("mm-login", { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      this.failure = describeFailure(error);
    } finally {
      this.pending = false;
    }
  }
}

/** The reasons the server gives when it sends a refused SSO login back to `#/login?sso=…`. */
const ssoMessages: Record<SsoRefusal, MessageKey> = {
  "no-role": "login.ssoNoRole",
  disabled: "login.ssoDisabled",
  expired: "login.ssoExpired",
  failed: "login.ssoFailed",
  unavailable: "login.ssoUnavailable",
};

function describeFailure(error: unknown): { key: MessageKey; error?: unknown } {
  if (error instanceof ApiError && error.status === 401) return { key: "login.invalid" };
  if (error instanceof ApiError && error.status === 429) return { key: "login.tooMany" };
  return { key: "login.failed", error };
}

customElements.define("mm-login", LoginView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-login": LoginView;
  }
  interface HTMLElementEventMap {
    "mm-login": LoginEvent;
  }
}
