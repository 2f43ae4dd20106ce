/**
 * `<mm-account-actions>`: what the admin can change about one account, in its row: the role (a select
 * and a button), disable or enable (after a confirmation), and a new password with its rules shown as
 * it is typed. A single sign-on account has no password here: its provider keeps it. Each change ends
 * the account's sessions (the server says how many), and is announced by the page.
 */
import { LitElement, css, html } from "lit";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import type { Account } from "../../../../src/ground/contract/contract-dossier.ts";
import { isLongEnoughPassword } from "../../../../src/ground/contract/account-rules.ts";
import { api } from "../../api-client.ts";
import { LangController, t } from "../../i18n.ts";
import { baseStyles } from "../../styles.ts";
import { announceChange, formStyles, renderRules } from "./account-form-parts.ts";
import { changeMessage, passwordRules, refusalText, roleChoices } from "./account-texts.ts";

type Mode = "idle" | "confirm" | "password";
type Change = { role: Role } | { disabled: boolean } | { password: string };

export class AccountActions extends LitElement {
  static override properties = {
    account: { attribute: false },
    mode: { state: true },
    roleChoice: { state: true },
    password: { state: true },
    passwordError: { state: true },
    pending: { state: true },
    failure: { state: true },
  };
  declare account: Account;
  declare mode: Mode;
  declare roleChoice: Role | null;
  declare password: string;
  declare passwordError: string | null;
  declare pending: boolean;
  declare failure: string | null;

  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host {
        min-width: 15rem;
      }
      .line {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem;
        margin-bottom: 0.4rem;
      }
      .confirm,
      .password {
        display: grid;
        gap: 0.4rem;
        padding: 0.5rem;
        margin-bottom: 0.4rem;
        border: 1px solid var(--mm-line);
        border-radius: 6px;
      }
      .confirm p {
        margin: 0;
        font-weight: 600;
      }
      p.note {
        margin: 0;
        font-size: 0.9rem;
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.mode = "idle";
    this.roleChoice = null;
    this.password = "";
    this.passwordError = null;
    this.pending = false;
    this.failure = null;
  }

  protected override render() {
    const account = this.account;
    const role = this.roleChoice ?? account.role;
    return html`<div class="line">
        <select aria-label=${t("users.roleOf", { username: account.username })} data-testid="role-select" @change=${this.#chooseRole}>
          ${roleChoices.map((choice) => html`<option value=${choice} ?selected=${choice === role}>${t(`role.${choice}`)}</option>`)}
        </select>
        ${
          role !== account.role
            ? html`<button type="button" data-testid="change-role" ?disabled=${this.pending} @click=${() => void this.#apply({ role })}>
                ${t("users.changeRole")}
              </button>`
            : null
        }
      </div>
      ${this.mode === "confirm" ? this.#renderConfirm() : null} ${this.mode === "password" ? this.#renderPassword() : null}
      <div class="line">
        <button type="button" class="secondary" data-testid="toggle-disabled" ?disabled=${this.pending} @click=${() => this.#open("confirm")}>
          ${account.disabled ? t("users.enable") : t("users.disable")}
        </button>
        ${
          account.sso
            ? html`<p class="note muted" data-testid="sso-note">${t("users.ssoNoPassword")}</p>`
            : html`<button type="button" class="secondary" data-testid="set-password" ?disabled=${this.pending} @click=${() => this.#open("password")}>
                ${t("users.setPassword")}
              </button>`
        }
      </div>
      ${this.failure ? html`<p class="alert" role="alert" data-testid="action-failed">${this.failure}</p>` : null}`;
  }

  #renderConfirm() {
    const { username, disabled } = this.account;
    return html`<div class="confirm" data-testid="confirm">
      <p tabindex="-1">${disabled ? t("users.confirmEnable", { username }) : t("users.confirmDisable", { username })}</p>
      <div class="line">
        <button type="button" data-testid="confirm-yes" ?disabled=${this.pending} @click=${() => void this.#apply({ disabled: !disabled })}>
          ${this.pending ? t("users.busy") : t("users.confirm")}
        </button>
        <button type="button" class="secondary" @click=${this.#close}>${t("users.cancel")}</button>
      </div>
    </div>`;
  }

  #renderPassword() {
    const label = t("users.newPasswordFor", { username: this.account.username });
    return html`<form class="password" data-testid="password-form" novalidate @submit=${this.#submitPassword}>
      <label>
        ${label}
        <input
          type="password"
          name="new-password"
          autocomplete="new-password"
          .value=${this.password}
          aria-describedby="new-password-rules new-password-error"
          aria-invalid=${this.passwordError ? "true" : "false"}
          @input=${(event: Event) => {
            this.password = (event.target as HTMLInputElement).value;
            this.passwordError = null;
          }}
        />
      </label>
      ${renderRules("new-password-rules", label, passwordRules(this.password))}
      <p class="field-error" id="new-password-error" data-testid="password-error">${this.passwordError ?? ""}</p>
      <div class="line">
        <button type="submit" data-testid="save-password" ?disabled=${this.pending}>${this.pending ? t("users.busy") : t("users.savePassword")}</button>
        <button type="button" class="secondary" @click=${this.#close}>${t("users.cancel")}</button>
      </div>
    </form>`;
  }

  #chooseRole = (event: Event) => {
    this.roleChoice = (event.target as HTMLSelectElement).value as Role;
    this.failure = null;
  };

  async #open(mode: Mode) {
    this.mode = this.mode === mode ? "idle" : mode;
    this.failure = null;
    this.password = "";
    this.passwordError = null;
    await this.updateComplete;
    // The question is read out first; the new password field is where typing goes.
    this.renderRoot.querySelector<HTMLElement>(mode === "confirm" ? ".confirm p" : ".password input")?.focus();
  }

  #close = () => {
    const was = this.mode;
    this.mode = "idle";
    void this.#focus(was === "confirm" ? '[data-testid="toggle-disabled"]' : '[data-testid="set-password"]');
  };

  /** Keeps the keyboard where it was once the button that had it is gone. */
  async #focus(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #submitPassword = (event: Event) => {
    event.preventDefault();
    if (!isLongEnoughPassword(this.password)) {
      this.passwordError = t("users.invalid.password");
      this.renderRoot.querySelector<HTMLElement>(".password input")?.focus();
      return;
    }
    void this.#apply({ password: this.password });
  };

  async #apply(change: Change) {
    if (this.pending) return;
    const { username } = this.account;
    this.pending = true;
    this.failure = null;
    try {
      const changed = await api.send("PATCH /api/v1/users/:username", { path: { username }, body: change });
      const done =
        "role" in change
          ? t("users.done.role", { username, role: t(`role.${changed.role}`) })
          : "disabled" in change
            ? t(change.disabled ? "users.done.disable" : "users.done.enable", { username })
            : t("users.done.password", { username });
      // Shown as changed at once; the page's reloaded list follows.
      this.account = { ...this.account, role: changed.role, disabled: changed.disabled };
      this.roleChoice = null;
      this.password = "";
      this.pending = false;
      if ("role" in change) void this.#focus('[data-testid="role-select"]');
      else this.#close();
      announceChange(this, changeMessage(done, changed.endedSessions));
    } catch (error) {
      this.pending = false;
      if ("password" in change) this.passwordError = refusalText(error);
      else this.failure = t("users.failed", { message: refusalText(error) });
    }
  }
}

customElements.define("mm-account-actions", AccountActions);

declare global {
  interface HTMLElementTagNameMap {
    "mm-account-actions": AccountActions;
  }
}
