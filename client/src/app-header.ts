/**
 * `<mm-header>`: app name, demo badge, navigation for the role, user, language switch and logout.
 * Fires `mm-logout` once the server has ended the session. On a narrow screen the navigation folds
 * behind a "Menu" disclosure button (aria-expanded), so a role with many pages never widens a phone's
 * page; it closes again on navigation and on Escape.
 */
import { LitElement, css, html } from "lit";
import type { SessionInfo } from "../../src/ground/contract/contract.ts";
import { ApiError } from "./api.ts";
import { api } from "./api-client.ts";
import { describeError } from "./error-text.ts";
import { LangController, lang, setLang, t, type Lang } from "./i18n.ts";
import { hrefFor, mayManageAccounts, mayViewAudit, mayViewEstablishments, mayViewPipelines, mayViewStations, type Route } from "./routes.ts";
import { baseStyles } from "./styles.ts";
import "./views/alert-count.ts";

export class AppHeader extends LitElement {
  static override properties = {
    session: { attribute: false },
    route: { attribute: false },
    logoutError: { state: true },
    menuOpen: { state: true },
  };
  declare session: SessionInfo | null;
  declare route: Route;
  declare logoutError: string | null;
  declare menuOpen: boolean;

  static override styles = [
    baseStyles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1.5rem;
        padding: 0.6rem clamp(0.75rem, 3vw, 2rem);
        background: #ffffff;
        border-bottom: 1px solid var(--mm-line);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        font-weight: 700;
        font-size: 1.15rem;
      }
      .demo {
        font-size: 0.8rem;
        font-weight: 700;
        color: #6b3a00;
        background: #ffe9c2;
        border: 1px dashed #6b3a00;
        border-radius: 4px;
        padding: 0.05rem 0.45rem;
      }
      nav ul {
        display: flex;
        /* A role with many pages (admin, permit) gets a second line on a phone, not a sideways scroll. */
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        text-decoration: none;
        padding: 0.3rem 0.1rem;
        border-bottom: 3px solid transparent;
      }
      nav a[aria-current="page"] {
        border-bottom-color: var(--mm-accent);
        font-weight: 600;
      }
      .end {
        margin-left: auto;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
      }
      .lang button {
        background: transparent;
        color: var(--mm-accent);
        padding: 0.2rem 0.5rem;
      }
      .lang button[aria-pressed="true"] {
        background: var(--mm-accent);
        color: #fff;
      }
      .logout {
        background: transparent;
        color: var(--mm-accent);
      }
      .alert {
        flex-basis: 100%;
        margin: 0;
      }
      .menu-toggle {
        display: none;
        background: transparent;
        color: var(--mm-accent);
        border: 1px solid var(--mm-accent);
        padding: 0.3rem 0.7rem;
      }
      .menu-toggle[aria-expanded="true"] {
        background: var(--mm-accent);
        color: #fff;
      }
      [data-testid="user"] {
        overflow-wrap: anywhere;
      }
      /* A phone: the navigation folds behind the menu button, one link a line when open. */
      @media (max-width: 48rem) {
        .menu-toggle {
          display: inline-block;
        }
        nav {
          flex-basis: 100%;
          order: 3;
        }
        nav:not(.open) {
          display: none;
        }
        nav ul {
          flex-direction: column;
          gap: 0;
        }
        nav a {
          display: block;
          padding: 0.55rem 0.25rem;
        }
        .end {
          margin-left: 0;
        }
      }
      /* On paper only the name and the demo label remain: they say what the report is. */
      @media print {
        header {
          padding: 0 0 0.5rem;
          border-bottom-color: #999;
        }
        nav,
        .end,
        .alert {
          display: none;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LangController(this);
    this.session = null;
    this.route = { name: "home" };
    this.logoutError = null;
    this.menuOpen = false;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    // Following a link closes the menu: the next page should not open under it.
    if (changed.has("route") && changed.get("route") !== undefined) this.menuOpen = false;
  }

  protected override render() {
    const session = this.session;
    return html`<header @keydown=${this.#closeOnEscape}>
      <div class="brand">
        <span>${t("app.name")}</span>
        ${session?.demo ? html`<span class="demo" data-testid="demo-badge" title=${t("app.demoTitle")}>${t("app.demo")}</span>` : null}
      </div>
      ${
        session
          ? html`<button
              type="button"
              class="menu-toggle"
              data-testid="menu-toggle"
              aria-expanded=${this.menuOpen ? "true" : "false"}
              aria-controls="main-nav"
              @click=${() => (this.menuOpen = !this.menuOpen)}
            >
              ${t("nav.menu")}
            </button>`
          : null
      }
      ${session ? this.#renderNav(session) : null}
      <div class="end">
        ${
          session
            ? html`<span data-testid="user">${t("nav.user", { username: session.username, role: t(`role.${session.role}`) })}</span>
                <button type="button" class="logout" data-testid="logout" @click=${this.#logout}>${t("nav.logout")}</button>`
            : null
        }
        <div class="lang" role="group" aria-label=${t("app.language")} data-testid="lang-toggle">
          ${this.#langButton("nl", "NL", "Nederlands")} | ${this.#langButton("en", "EN", "English")}
        </div>
      </div>
      ${this.logoutError ? html`<p class="alert" role="alert">${this.logoutError}</p>` : null}
    </header>`;
  }

  #renderNav(session: SessionInfo) {
    const current = (names: Route["name"][]) => (names.includes(this.route.name) ? "page" : undefined);
    return html`<nav id="main-nav" class=${this.menuOpen ? "open" : ""} aria-label=${t("nav.label")}>
      <ul>
        <li>
          <a href=${hrefFor({ name: "themes" })} aria-current=${current(["themes", "theme", "indicator"]) ?? "false"}>${t("nav.themes")}</a>
        </li>
        ${
          mayViewEstablishments(session.role)
            ? html`<li>
                <a
                  href=${hrefFor({ name: "establishments" })}
                  data-testid="nav-establishments"
                  aria-current=${current(["establishments", "establishment", "location"]) ?? "false"}
                  >${t("search.nav")}</a
                >
              </li>`
            : null
        }
        ${
          mayViewStations(session.role)
            ? html`<li>
                <a href=${hrefFor({ name: "stations" })} data-testid="nav-stations" aria-current=${current(["stations", "station"]) ?? "false"}
                  >${t("nav.stations")}</a
                >
              </li>`
            : null
        }
        ${
          mayViewPipelines(session.role)
            ? html`<li>
                <a href=${hrefFor({ name: "pipelines" })} data-testid="nav-pipelines" aria-current=${current(["pipelines", "pipeline", "run"]) ?? "false"}
                  >${t("nav.pipelines")}</a
                >
              </li>`
            : null
        }
        ${
          mayViewAudit(session.role)
            ? html`<li>
                <a href=${hrefFor({ name: "audit" })} data-testid="nav-audit" aria-current=${current(["audit"]) ?? "false"}>${t("audit.nav")}</a>
              </li>`
            : null
        }
        ${
          mayManageAccounts(session.role)
            ? html`<li>
                <a href=${hrefFor({ name: "users" })} data-testid="nav-users" aria-current=${current(["users"]) ?? "false"}>${t("users.nav")}</a>
              </li>`
            : null
        }
        <li>
          <a href=${hrefFor({ name: "questions" })} data-testid="nav-questions" aria-current=${current(["questions"]) ?? "false"}>${t("questions.nav")}</a>
        </li>
        <li>
          <a href=${hrefFor({ name: "alerts" })} data-testid="nav-alerts" aria-current=${current(["alerts"]) ?? "false"}
            >${t("alerts.nav")}<mm-alert-count .route=${this.route}></mm-alert-count
          ></a>
        </li>
        <li>
          <a href=${hrefFor({ name: "api" })} data-testid="nav-api" aria-current=${current(["api"]) ?? "false"}>${t("apiDocs.nav")}</a>
        </li>
      </ul>
    </nav>`;
  }

  #closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !this.menuOpen) return;
    this.menuOpen = false;
    this.renderRoot.querySelector<HTMLButtonElement>(".menu-toggle")?.focus();
  };

  #langButton(code: Lang, text: string, name: string) {
    // The visible code stays the accessible name (WCAG 2.5.3); the full name is a tooltip only.
    return html`<button type="button" lang=${code} title=${name} aria-pressed=${lang() === code ? "true" : "false"} @click=${() => setLang(code)}>
      ${text}
    </button>`;
  }

  #logout = async () => {
    this.logoutError = null;
    try {
      await api.send("DELETE /api/v1/session");
    } catch (error) {
      // 401: the session had already ended, which is what logging out wants anyway.
      if (!(error instanceof ApiError && error.status === 401)) {
        this.logoutError = t("nav.logoutFailed", { message: describeError(error) });
        return;
      }
    }
    this.dispatchEvent(new CustomEvent("mm-logout", { bubbles: true, composed: true }));
  };
}

customElements.define("mm-header", AppHeader);

declare global {
  interface HTMLElementTagNameMap {
    "mm-header": AppHeader;
  }
}
