/**
 * `<mm-app>`: loads the session, routes on the URL hash, and frames every view with the header
 * (app name, demo badge, navigation, user, language, logout).
 */
import { LitElement, html, type PropertyValues } from "lit";
import type { SessionInfo } from "../../src/ground/contract/contract.ts";
import { ApiError, sessionExpiredEvent, setCsrfToken } from "./api.ts";
import { api } from "./api-client.ts";
import "./app-header.ts";
import { describeError } from "./error-text.ts";
import { LangController, t } from "./i18n.ts";
import { hrefFor, landingFor, parseRoute, replaceRouteEvent, returnRouteFor, type Route } from "./routes.ts";
import { shellStyles } from "./app-shell-styles.ts";
import { dropPrefetched, prefetchRouteData } from "./route-data.ts";
import { renderFailure, renderLoading } from "./views/failure-message.ts";
import "./views/login-view.ts";
// Notes on the data of a pipeline: the one element pipeline-runs.ts shows them with (issue 21, point 7).
import "./views/annotation-editor.ts";
import type { LoginEvent } from "./views/login-view.ts";

// Views other than the login are loaded on first use, so the login page doesn't carry the charts.
const viewModules: Partial<Record<Route["name"], () => Promise<unknown>>> = {
  themes: () => import("./views/theme-overview.ts"),
  theme: () => import("./views/theme-page.ts"),
  area: () => import("./views/area-profile.ts"),
  indicator: () => import("./views/indicator-view.ts"),
  stations: () => import("./views/station-list.ts"),
  station: () => import("./views/station-detail.ts"),
  pipelines: () => import("./views/pipeline-list.ts"),
  pipeline: () => import("./views/pipeline-runs.ts"),
  run: () => import("./views/run-detail.ts"),
  establishments: () => import("./views/dossier/establishment-search.ts"),
  establishment: () => import("./views/dossier/establishment-dossier.ts"),
  location: () => import("./views/dossier/location-dossier.ts"),
  audit: () => import("./views/audit/audit-log.ts"),
  users: () => import("./views/users/user-admin.ts"),
  alerts: () => import("./views/alert-list.ts"),
  questions: () => import("./views/questions-view.ts"),
  api: () => import("./views/api-docs.ts"),
};

type SessionState = { kind: "loading" } | { kind: "failed"; error: unknown } | { kind: "ready"; session: SessionInfo | null };

export class AppShell extends LitElement {
  static override properties = {
    route: { state: true },
    sessionState: { state: true },
    viewError: { state: true },
  };
  declare route: Route;
  declare sessionState: SessionState;
  declare viewError: unknown;

  static override styles = shellStyles;

  #focusMainAfterRender = false;
  /**
   * The session probe just answered: this frame shows the header as it grows (name, navigation), the
   * next the page under it. With the page's code and data already there (route-data.ts), both at once
   * would shift the whole page down on a phone (Lighthouse's layout shift, issue 22).
   */
  #headerFirst = false;
  #onHashChange = () => {
    this.route = parseRoute(location.hash);
    this.#focusMainAfterRender = true;
  };
  #onSessionExpired = () => this.#setSession(null);
  // A view's own state (area, level, period) changed: the URL follows, focus stays where the user is.
  #onReplaceRoute = (event: Event) => this.#navigate((event as CustomEvent<Route>).detail);

  constructor() {
    super();
    new LangController(this);
    this.route = parseRoute(location.hash);
    this.sessionState = { kind: "loading" };
    this.viewError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("hashchange", this.#onHashChange);
    window.addEventListener(sessionExpiredEvent, this.#onSessionExpired);
    this.addEventListener(replaceRouteEvent, this.#onReplaceRoute);
    // The page's code loads while the session is asked for, not after it: one round trip less on a
    // phone (issue 22). Failing here is silent; #loadView asks again and shows the error.
    viewModules[this.route.name]?.().catch(() => undefined);
    // So does the page's main data (route-data.ts).
    prefetchRouteData(this.route);
    void this.#loadSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this.#onHashChange);
    window.removeEventListener(sessionExpiredEvent, this.#onSessionExpired);
    this.removeEventListener(replaceRouteEvent, this.#onReplaceRoute);
  }

  async #loadSession() {
    this.sessionState = { kind: "loading" };
    try {
      this.#setSession(await api.get("GET /api/v1/session"));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.#setSession(null);
      else this.sessionState = { kind: "failed", error };
    }
  }

  #setSession(session: SessionInfo | null) {
    if (!session) dropPrefetched();
    if (session && this.sessionState.kind === "loading" && document.visibilityState === "visible") this.#showHeaderFirst();
    setCsrfToken(session?.csrfToken ?? null);
    this.sessionState = { kind: "ready", session };
  }

  #showHeaderFirst() {
    this.#headerFirst = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.#headerFirst = false;
        this.requestUpdate();
      }),
    );
  }

  #navigate(route: Route) {
    // replaceState doesn't fire hashchange, so a redirect leaves no extra history entry to go "back" into.
    history.replaceState(null, "", hrefFor(route));
    this.route = route;
  }

  /** After a login: the page that was asked for (a permalink opened while logged out), else the role's home. */
  #landingAfterLogin(session: SessionInfo): Route {
    const next = this.route.name === "login" ? this.route.next : undefined;
    const asked = next === undefined ? null : parseRoute(`#${next}`);
    return asked && asked.name !== "not-found" ? asked : landingFor(session.role);
  }

  #onLogin = (event: LoginEvent) => {
    const landing = this.#landingAfterLogin(event.detail);
    this.#setSession(event.detail);
    this.#navigate(landing);
    this.#focusMainAfterRender = true;
  };

  #onLogout = () => {
    this.#setSession(null);
    this.#navigate({ name: "login" });
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.sessionState.kind !== "ready") return;
    const session = this.sessionState.session;
    if (!session && this.route.name !== "login") {
      // The login remembers the page (in its URL, so a reload or single sign-on keeps it too).
      const next = returnRouteFor(this.route);
      this.#navigate(next === undefined ? { name: "login" } : { name: "login", next });
    }
    if (session && (this.route.name === "login" || this.route.name === "home")) this.#navigate(this.#landingAfterLogin(session));
    if (session && (changed.has("route") || changed.has("sessionState"))) void this.#loadView(this.route);
    document.title = `${this.#pageTitle()} – ${t("app.name")}`;
  }

  async #loadView(route: Route) {
    this.viewError = null;
    try {
      await viewModules[route.name]?.();
    } catch (error) {
      this.viewError = error;
    }
  }

  protected override updated(): void {
    if (!this.#focusMainAfterRender) return;
    this.#focusMainAfterRender = false;
    this.renderRoot.querySelector<HTMLElement>("main")?.focus();
  }

  protected override render() {
    const state = this.sessionState;
    const session = state.kind === "ready" ? state.session : null;
    return html`<mm-header .session=${session} .route=${this.route} @mm-logout=${this.#onLogout}></mm-header>
      <main id="main" tabindex="-1">${this.#renderMain(state)}</main>`;
  }

  #renderMain(state: SessionState) {
    if (state.kind === "loading") return renderLoading();
    if (state.kind === "failed") {
      return html`<div class="alert" role="alert" data-testid="session-error">
        <p>${t("app.sessionFailed")} ${describeError(state.error)}</p>
        <button type="button" @click=${() => void this.#loadSession()}>${t("app.retry")}</button>
      </div>`;
    }
    const { session } = state;
    if (!session) return html`<mm-login .next=${this.route.name === "login" ? this.route.next : undefined} @mm-login=${this.#onLogin}></mm-login>`;
    if (this.#headerFirst) return renderLoading();
    if (this.viewError) return renderFailure(this.viewError, session.role, () => void this.#loadView(this.route));
    const route = this.route;
    switch (route.name) {
      case "themes":
        return html`<mm-theme-overview .state=${route} .userRole=${session.role}></mm-theme-overview>`;
      case "area":
        return html`<mm-area-profile .code=${route.code} .userRole=${session.role}></mm-area-profile>`;
      case "theme":
        return html`<mm-theme-page .themeId=${route.id} .userRole=${session.role}></mm-theme-page>`;
      case "indicator":
        return html`<mm-indicator-view
          .indicatorId=${route.id}
          .area=${route.area ?? null}
          .level=${route.level ?? null}
          .period=${route.period ?? null}
          .userRole=${session.role}
        ></mm-indicator-view>`;
      case "stations":
        return html`<mm-station-list .userRole=${session.role}></mm-station-list>`;
      case "station":
        return html`<mm-station-detail .number=${route.number} .userRole=${session.role}></mm-station-detail>`;
      case "pipelines":
        return html`<mm-pipeline-list .userRole=${session.role}></mm-pipeline-list>`;
      case "pipeline":
        return html`<mm-pipeline-runs .name=${route.pipeline} .userRole=${session.role}></mm-pipeline-runs>`;
      case "run":
        return html`<mm-run-detail .name=${route.pipeline} .runId=${route.runId} .userRole=${session.role}></mm-run-detail>`;
      case "establishments":
        return html`<mm-establishment-search .state=${route} .userRole=${session.role}></mm-establishment-search>`;
      case "establishment":
        return html`<mm-establishment-dossier .establishmentId=${route.id} .userRole=${session.role}></mm-establishment-dossier>`;
      case "location":
        return html`<mm-location-dossier .point=${route} .userRole=${session.role}></mm-location-dossier>`;
      case "audit":
        return html`<mm-audit-log .state=${route} .userRole=${session.role}></mm-audit-log>`;
      case "alerts":
        return html`<mm-alert-list .userRole=${session.role}></mm-alert-list>`;
      case "questions":
        return html`<mm-questions-view .userRole=${session.role}></mm-questions-view>`;
      case "users":
        return html`<mm-user-admin .userRole=${session.role}></mm-user-admin>`;
      case "api":
        return html`<mm-api-docs .userRole=${session.role}></mm-api-docs>`;
      case "not-found":
        return html`<p class="alert" role="alert" data-testid="not-found">${t("app.notFound")}</p>`;
      default:
        return renderLoading();
    }
  }

  #pageTitle(): string {
    switch (this.route.name) {
      case "login":
        return t("login.title");
      case "stations":
      case "station":
        return t("stations.title");
      case "pipelines":
        return t("pipelines.title");
      case "pipeline":
        return t("runs.title", { name: this.route.pipeline });
      case "run":
        return t("run.title", { runId: this.route.runId, name: this.route.pipeline });
      case "establishments":
        return t("search.title");
      case "establishment":
        return t("dossier.pageTitle", { id: this.route.id });
      case "location":
        return t("location.pageTitle");
      case "audit":
        return t("audit.title");
      case "alerts":
        return t("alerts.title");
      case "questions":
        return t("questions.nav");
      case "users":
        return t("users.title");
      case "area":
        return t("areas.pageTitle", { name: this.route.code });
      case "api":
        return t("apiDocs.title");
      default:
        return t("themes.title");
    }
  }
}

customElements.define("mm-app", AppShell);

declare global {
  interface HTMLElementTagNameMap {
    "mm-app": AppShell;
  }
}
