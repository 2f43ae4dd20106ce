/**
 * `<mm-alert-count>`: the number of open alerts the user may see, as a small badge in the header's
 * navigation. Counted again on every navigation (`route` changes), so it follows without polling.
 * A failed count shows no badge: the alerts page itself says what went wrong.
 */
import { LitElement, css, html, type PropertyValues } from "lit";
import { api } from "../api-client.ts";
import { LangController, t } from "../i18n.ts";
import type { Route } from "../routes.ts";

export class AlertCount extends LitElement {
  static override properties = { route: { attribute: false }, count: { state: true } };
  declare route: Route | null;
  declare count: number | null;

  static override styles = css`
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .badge {
      display: inline-block;
      min-width: 1.3em;
      margin-left: 0.3em;
      padding: 0 0.35em;
      border-radius: 0.65em;
      background: #b3261e;
      color: #fff;
      font-size: 0.8em;
      font-weight: 700;
      line-height: 1.3em;
      text-align: center;
    }
  `;

  #loading: AbortController | null = null;

  constructor() {
    super();
    new LangController(this);
    this.route = null;
    this.count = null;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#loading?.abort();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has("route")) void this.#load();
  }

  async #load() {
    this.#loading?.abort();
    const loading = (this.#loading = new AbortController());
    try {
      const { open } = await api.get("GET /api/v1/alerts", { signal: loading.signal });
      if (!loading.signal.aborted) this.count = open;
    } catch {
      if (!loading.signal.aborted) this.count = null;
    }
  }

  protected override render() {
    if (!this.count) return null;
    // The number alone would be read as "Alerts 3": the hidden text says what it counts.
    return html`<span class="badge" data-testid="alert-count" aria-hidden="true">${this.count}</span
      ><span class="sr-only">(${t("alerts.badge", { count: this.count })})</span>`;
  }
}

customElements.define("mm-alert-count", AlertCount);

declare global {
  interface HTMLElementTagNameMap {
    "mm-alert-count": AlertCount;
  }
}
