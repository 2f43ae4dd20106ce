/**
 * `<mm-login>`: username and password. On success it fires `mm-login` with the `SessionInfo`;
 * the shell decides where to go next.
 */
import { LitElement, css, html } from "lit";
import type { SessionInfo } from "../../../server/api/contract.ts";
import { ApiError, fetchJson } from "../api.ts";
import { LangController, t, type MessageKey } from "../i18n.ts";
import { baseStyles } from "../styles.ts";

export type LoginEvent = CustomEvent<SessionInfo>;

export class LoginView extends LitElement {
  static override properties = {
    pending: { state: true },
    failure: { state: true },
  };
  declare pending: boolean;
  /** A message key, or a server message, so the text follows a language switch. */
  declare failure: { key: MessageKey; message?: string } | null;

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
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.pending = false;
    this.failure = null;
  }

  protected override render() {
    return html`<form class="panel" @submit=${this.#submit} aria-labelledby="login-title">
      <h1 id="login-title">${t("login.title")}</h1>
      <label>
        ${t("login.username")}
        <input name="username" autocomplete="username" required autofocus />
      </label>
      <label>
        ${t("login.password")}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      ${this.failure
        ? html`<p class="alert" role="alert" data-testid="login-error">
            ${t(this.failure.key, { message: this.failure.message ?? "" })}
          </p>`
        : null}
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
      const session = await fetchJson<SessionInfo>("/api/v1/session", { method: "POST", body: credentials });
      this.dispatchEvent(new CustomEvent("mm-login", { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      this.failure = describeFailure(error);
    } finally {
      this.pending = false;
    }
  }
}

function describeFailure(error: unknown): { key: MessageKey; message?: string } {
  if (error instanceof ApiError && error.status === 401) return { key: "login.invalid" };
  if (error instanceof ApiError && error.status === 429) return { key: "login.tooMany" };
  return { key: "login.failed", message: error instanceof Error ? error.message : String(error) };
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
