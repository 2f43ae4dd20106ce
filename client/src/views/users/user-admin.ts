/**
 * `<mm-user-admin>` (#/users, admin only): every account with its role, state, last login and how it
 * signs in; a form to add one; and per account the changes an admin makes (account-actions.ts). All
 * through the account API with the session's CSRF token; each change is announced in a status line
 * (aria-live) and the list is read again. Other roles get the API's 403, shown as everywhere.
 */
import { Task, TaskStatus } from "@lit/task";
import { LitElement, css, html } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { Role } from "../../../../src/ground/contract/contract.ts";
import type { Account } from "../../../../src/ground/contract/contract-dossier.ts";
import { api } from "../../api-client.ts";
import { formatDateTime } from "../../format.ts";
import { LangController, lang, t } from "../../i18n.ts";
import { baseStyles } from "../../styles.ts";
import { renderFailure, renderLoading } from "../failure-message.ts";
import { renderTableWrap } from "../table-wrap.ts";
import "./account-actions.ts";
import "./add-account-form.ts";
import { accountChangedEvent } from "./account-form-parts.ts";

export class UserAdminView extends LitElement {
  static override properties = { userRole: {}, status: { state: true } };
  declare userRole: Role;
  /** The last change made here, announced politely. */
  declare status: string;

  static override styles = [
    baseStyles,
    css`
      /* minmax(0, 1fr): the table scrolls in its own box instead of widening the page on a phone. */
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 1.25rem;
      }
      .status {
        border-left: 4px solid var(--mm-accent);
        background: #eef7f6;
        padding: 0.6rem 1rem;
        border-radius: 4px;
        margin: 0 0 1rem;
      }
      /* Kept in the page while empty (not display: none), so screen readers know the live region before it speaks. */
      .status:empty {
        padding: 0;
        margin: 0;
        border: 0;
      }
      td.state[data-disabled="true"] {
        color: #a11919;
        font-weight: 600;
      }
      th[scope="row"] {
        overflow-wrap: anywhere;
      }
    `,
  ];

  #accounts = new Task(this, {
    args: () => [] as const,
    task: async (_args, { signal }) => (await api.get("GET /api/v1/users", { signal })).accounts,
  });

  constructor() {
    super();
    new LangController(this);
    this.userRole = "admin";
    this.status = "";
    this.addEventListener(accountChangedEvent, (event) => {
      this.status = (event as CustomEvent<string>).detail;
      void this.#accounts.run();
    });
  }

  protected override render() {
    return html`<h1>${t("users.title")}</h1>
      <p>${t("users.intro")}</p>
      <p class="status" role="status" aria-live="polite" data-testid="users-status">${this.status}</p>
      ${this.#renderState()}`;
  }

  /** The list stays (marked busy) while it is read again, so a row's controls keep the keyboard focus. */
  #renderState() {
    const accounts = this.#accounts;
    if (accounts.status === TaskStatus.ERROR) return renderFailure(accounts.error, this.userRole, () => void accounts.run());
    if (!accounts.value) return renderLoading();
    const busy = accounts.status === TaskStatus.PENDING;
    return html`<div class="layout" aria-busy=${busy ? "true" : "false"}>
      <mm-add-account></mm-add-account>
      <section class="panel" aria-labelledby="list-title">
        <h2 id="list-title">${t("users.listTitle")}</h2>
        ${this.#renderTable(accounts.value)}
      </section>
    </div>`;
  }

  #renderTable(accounts: Account[]) {
    const language = lang();
    return renderTableWrap(
      t("users.listTitle"),
      html`<table data-testid="users-table">
        <caption class="sr-only">
          ${t("users.listTitle")}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("users.username")}</th>
            <th scope="col">${t("users.role")}</th>
            <th scope="col">${t("users.state")}</th>
            <th scope="col">${t("users.lastLogin")}</th>
            <th scope="col">${t("users.signIn")}</th>
            <th scope="col">${t("users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            accounts,
            (account) => account.username,
            (account) =>
              html`<tr
                data-testid="user-row"
                data-username=${account.username}
                data-role=${account.role}
                data-disabled=${account.disabled ? "true" : "false"}
                data-sso=${account.sso ? "true" : "false"}
              >
                <th scope="row">${account.username}</th>
                <td data-testid="user-role">${t(`role.${account.role}`)}</td>
                <td class="state" data-testid="user-state" data-disabled=${account.disabled ? "true" : "false"}>
                  ${account.disabled ? t("users.disabled") : t("users.active")}
                </td>
                <td data-testid="user-last-login">${account.lastLoginAt ? formatDateTime(account.lastLoginAt, language) : t("users.never")}</td>
                <td data-testid="user-sign-in">${account.sso ? t("users.signIn.sso") : t("users.signIn.password")}</td>
                <td><mm-account-actions .account=${account}></mm-account-actions></td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    );
  }
}

customElements.define("mm-user-admin", UserAdminView);

declare global {
  interface HTMLElementTagNameMap {
    "mm-user-admin": UserAdminView;
  }
}
