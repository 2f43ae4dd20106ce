/**
 * `<mm-add-account>`: the admin adds an account with a username, a role and an initial password. The
 * rules show under each field as they are typed; a form that breaks them is not sent, and a refusal
 * by the server (a name taken) shows next to the field it names.
 */
import { LitElement, css, html } from "lit";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import { isLongEnoughPassword, isValidUsername } from "../../../../src/ground/contract/account-rules.ts";
import { api } from "../../api-client.ts";
import { LangController, t } from "../../i18n.ts";
import { baseStyles } from "../../styles.ts";
import { announceChange, formStyles, renderRules } from "./account-form-parts.ts";
import { changeMessage, passwordRules, refusalText, refusedField, roleChoices, usernameRules } from "./account-texts.ts";

const fields = ["username", "password", "role"] as const;
type Field = (typeof fields)[number];

export class AddAccountForm extends LitElement {
  static override properties = {
    username: { state: true },
    password: { state: true },
    role: { state: true },
    pending: { state: true },
    errors: { state: true },
    failure: { state: true },
  };
  declare username: string;
  declare password: string;
  declare role: Role;
  declare pending: boolean;
  /** Per field, why it was refused (by the rules on submit, or by the server). */
  declare errors: Partial<Record<Field, string>>;
  /** A failure that names no field (the network, a 429). */
  declare failure: string | null;

  static override styles = [
    baseStyles,
    formStyles,
    css`
      form {
        display: grid;
        gap: 0.9rem;
        max-width: 28rem;
      }
      input,
      select {
        width: 100%;
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.username = "";
    this.password = "";
    this.role = "policy";
    this.pending = false;
    this.errors = {};
    this.failure = null;
  }

  protected override render() {
    return html`<form class="panel" data-testid="add-account" novalidate @submit=${this.#submit}>
      <h2>${t("users.add.title")}</h2>
      <label>
        ${t("users.username")}
        <input
          name="username"
          autocomplete="off"
          autocapitalize="none"
          spellcheck="false"
          .value=${this.username}
          aria-describedby="username-rules username-error"
          aria-invalid=${this.errors.username ? "true" : "false"}
          @input=${(event: Event) => this.#edit("username", (event.target as HTMLInputElement).value)}
        />
        ${renderRules("username-rules", t("users.username"), usernameRules(this.username))} ${this.#fieldError("username")}
      </label>
      <label>
        ${t("users.role")}
        <select name="role" aria-describedby="role-error" @change=${(event: Event) => (this.role = (event.target as HTMLSelectElement).value as Role)}>
          ${roleChoices.map((role) => html`<option value=${role} ?selected=${role === this.role}>${t(`role.${role}`)}</option>`)}
        </select>
        ${this.#fieldError("role")}
      </label>
      <label>
        ${t("users.add.password")}
        <input
          name="password"
          type="password"
          autocomplete="new-password"
          .value=${this.password}
          aria-describedby="password-rules password-error"
          aria-invalid=${this.errors.password ? "true" : "false"}
          @input=${(event: Event) => this.#edit("password", (event.target as HTMLInputElement).value)}
        />
        ${renderRules("password-rules", t("users.add.password"), passwordRules(this.password))} ${this.#fieldError("password")}
      </label>
      ${this.failure ? html`<p class="alert" role="alert" data-testid="add-failed">${this.failure}</p>` : null}
      <div>
        <button type="submit" data-testid="add-submit" ?disabled=${this.pending}>${this.pending ? t("users.busy") : t("users.add.submit")}</button>
      </div>
    </form>`;
  }

  #fieldError(field: Field) {
    const error = this.errors[field];
    // Focus moves to the refused field, which is described by this text: no live region needed.
    return html`<p class="field-error" id=${`${field}-error`} data-testid=${`${field}-error`}>${error ?? ""}</p>`;
  }

  #edit(field: "username" | "password", value: string) {
    this[field] = value;
    // A refusal is about the value refused; typing starts again.
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
  }

  #submit = async (event: Event) => {
    event.preventDefault();
    if (this.pending) return;
    const errors: Partial<Record<Field, string>> = {};
    if (!isValidUsername(this.username)) errors.username = t("users.invalid.username");
    if (!isLongEnoughPassword(this.password)) errors.password = t("users.invalid.password");
    this.errors = errors;
    this.failure = null;
    if (Object.keys(errors).length > 0) return this.#focusFirstInvalid();
    this.pending = true;
    try {
      const account = await api.send("POST /api/v1/users", { body: { username: this.username, password: this.password, role: this.role } });
      this.username = "";
      this.password = "";
      announceChange(this, changeMessage(t("users.done.add", { username: account.username, role: t(`role.${account.role}`) })));
    } catch (error) {
      const field = refusedField(error, fields);
      if (field) {
        this.errors = { [field]: refusalText(error) };
        void this.#focusFirstInvalid();
      } else this.failure = t("users.failed", { message: refusalText(error) });
    } finally {
      this.pending = false;
    }
  };

  async #focusFirstInvalid() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
}

customElements.define("mm-add-account", AddAccountForm);

declare global {
  interface HTMLElementTagNameMap {
    "mm-add-account": AddAccountForm;
  }
}
