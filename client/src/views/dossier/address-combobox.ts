/**
 * `<mm-address-combobox>`: an address box that completes as the officer types, after the WAI-ARIA
 * combobox pattern with a listbox popup (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): focus
 * stays in the input; ArrowDown/ArrowUp move through the suggestions (aria-activedescendant), Home and
 * End to the first and last while the list is open, Enter chooses, Escape closes the list (a second
 * Escape clears the input). Suggestions come from GET /api/v1/addresses, 150 ms after the last key,
 * a newer request aborting an older one; a polite live region says how many were found.
 *
 * Choosing fires `mm-address-chosen` (detail: the Address). Unless a listener calls preventDefault(),
 * the box then opens the location dossier for the address.
 */
import { LitElement, css, html } from "lit";
import type { Address } from "../../../../src/ground/contract/contract-addresses.ts";
import { formatAddress } from "../../../../src/ground/address-text.ts";
import { api } from "../../api-client.ts";
import { LangController, t } from "../../i18n.ts";
import { hrefFor } from "../../routes.ts";
import { baseStyles } from "../../styles.ts";

export type AddressChosenEvent = CustomEvent<Address>;

const DEBOUNCE_MS = 150;
const SUGGESTIONS = 10;
let instances = 0;

type Phase = "idle" | "loading" | "done" | "failed";

export class AddressCombobox extends LitElement {
  static override properties = {
    label: {},
    radius: { type: Number },
    value: {},
    items: { state: true },
    active: { state: true },
    open: { state: true },
    phase: { state: true },
  };
  /** The visible label; the default is "Adres" / "Address". */
  declare label: string | undefined;
  /** The radius the location dossier opens with (metres), when the box navigates. */
  declare radius: number | undefined;
  declare value: string;
  declare items: Address[];
  declare active: number;
  declare open: boolean;
  declare phase: Phase;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        position: relative;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
        font-weight: 600;
      }
      input {
        font: inherit;
        font-weight: 400;
        padding: 0.35rem 0.5rem;
        border: 1px solid var(--mm-muted);
        border-radius: 4px;
        background: #fff;
        width: 100%;
        box-sizing: border-box;
      }
      [role="listbox"] {
        position: absolute;
        z-index: 20;
        left: 0;
        right: 0;
        margin: 0.15rem 0 0;
        padding: 0;
        list-style: none;
        background: #fff;
        border: 1px solid var(--mm-muted);
        border-radius: 4px;
        box-shadow: 0 4px 12px rgb(0 0 0 / 15%);
        max-height: 20rem;
        overflow-y: auto;
      }
      [role="option"] {
        padding: 0.35rem 0.5rem;
        cursor: pointer;
      }
      [role="option"][aria-selected="true"] {
        background: var(--mm-accent);
        color: #fff;
        outline: 2px solid currentColor;
        outline-offset: -4px;
      }
      .note {
        padding: 0.35rem 0.5rem;
        font-style: italic;
      }
      .hint {
        font-size: 0.9rem;
        font-weight: 400;
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  readonly #id = `address-${++instances}`;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request: AbortController | null = null;

  constructor() {
    super();
    new LangController(this);
    this.value = "";
    this.items = [];
    this.active = -1;
    this.open = false;
    this.phase = "idle";
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#request?.abort();
  }

  /** Moves the keyboard focus into the input. */
  override focus(): void {
    this.renderRoot.querySelector("input")?.focus();
  }

  protected override render() {
    const listId = `${this.#id}-list`;
    const showList = this.open && (this.items.length > 0 || this.phase === "loading" || this.phase === "done" || this.phase === "failed");
    const activeId = this.open && this.active >= 0 ? `${this.#id}-option-${this.active}` : "";
    return html`<label for="${this.#id}-input"
        >${this.label ?? t("address.label")} <span class="hint muted" id="${this.#id}-hint">${t("address.hint")}</span></label
      >
      <input
        id="${this.#id}-input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        maxlength="200"
        aria-autocomplete="list"
        aria-expanded=${showList ? "true" : "false"}
        aria-controls=${listId}
        aria-activedescendant=${activeId}
        aria-describedby="${this.#id}-hint"
        aria-busy=${this.phase === "loading" ? "true" : "false"}
        placeholder=${t("address.placeholder")}
        .value=${this.value}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
        @blur=${this.#onBlur}
        @focus=${() => (this.open = this.items.length > 0)}
        data-testid="address-input"
      />
      <ul id=${listId} role="listbox" aria-label=${this.label ?? t("address.label")} ?hidden=${!showList} data-testid="address-listbox">
        ${this.items.map(
          (address, i) =>
            html`<li
              id="${this.#id}-option-${i}"
              role="option"
              aria-selected=${i === this.active ? "true" : "false"}
              @mousedown=${(event: MouseEvent) => event.preventDefault()}
              @click=${() => this.#choose(address)}
            >
              ${formatAddress(address)}
            </li>`,
        )}
      </ul>
      ${
        showList && this.items.length === 0
          ? html`<div class="note" role="presentation" data-testid="address-note">
              ${this.phase === "loading" ? t("address.loading") : this.phase === "failed" ? t("address.failed") : t("address.none")}
            </div>`
          : null
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.#status()}</div>`;
  }

  #status(): string {
    if (this.phase === "loading") return t("address.loading");
    if (this.phase === "failed") return t("address.failed");
    if (this.phase !== "done") return "";
    if (this.items.length === 0) return t("address.none");
    return this.items.length === 1 ? t("address.countOne") : t("address.count", { count: this.items.length });
  }

  #onInput = (event: InputEvent) => {
    this.value = (event.target as HTMLInputElement).value;
    this.active = -1;
    clearTimeout(this.#timer);
    this.#request?.abort();
    if (this.value.trim() === "") {
      this.items = [];
      this.open = false;
      this.phase = "idle";
      return;
    }
    this.phase = "loading";
    this.open = true;
    this.#timer = setTimeout(() => void this.#fetch(this.value.trim()), DEBOUNCE_MS);
  };

  async #fetch(q: string): Promise<void> {
    const request = new AbortController();
    this.#request = request;
    try {
      const answer = await api.get("GET /api/v1/addresses", { query: { q: q.slice(0, 200), limit: SUGGESTIONS }, signal: request.signal });
      if (request.signal.aborted) return;
      this.items = answer.items;
      this.phase = "done";
    } catch (error) {
      if (request.signal.aborted) return;
      console.warn("address search failed", error);
      this.items = [];
      this.phase = "failed";
    }
  }

  #onKeydown = (event: KeyboardEvent) => {
    const count = this.items.length;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (count === 0) return;
        this.open = true;
        this.active = event.altKey ? this.active : (this.active + 1) % count;
        break;
      case "ArrowUp":
        event.preventDefault();
        if (count === 0) return;
        this.open = true;
        this.active = this.active <= 0 ? count - 1 : this.active - 1;
        break;
      case "Home":
      case "End":
        // Within an open list they move through it; otherwise they move the caret, as in any text box.
        if (!this.open || this.active < 0 || count === 0) return;
        event.preventDefault();
        this.active = event.key === "Home" ? 0 : count - 1;
        break;
      case "Enter": {
        const chosen = this.open && this.active >= 0 ? this.items[this.active] : undefined;
        // Enter on an open list never submits the form the box is in.
        if (chosen || this.open) event.preventDefault();
        if (chosen) this.#choose(chosen);
        break;
      }
      case "Escape":
        if (this.open) {
          event.preventDefault();
          this.open = false;
          this.active = -1;
        } else if (this.value !== "") {
          event.preventDefault();
          this.value = "";
          this.items = [];
          this.phase = "idle";
        }
        break;
      default:
        return;
    }
    if (this.active >= 0)
      void this.updateComplete.then(() => this.renderRoot.querySelector(`#${this.#id}-option-${this.active}`)?.scrollIntoView({ block: "nearest" }));
  };

  #onBlur = () => {
    this.open = false;
    this.active = -1;
  };

  #choose(address: Address): void {
    this.value = formatAddress(address);
    this.open = false;
    this.active = -1;
    const chosen = new CustomEvent("mm-address-chosen", { detail: address, bubbles: true, composed: true, cancelable: true }) satisfies AddressChosenEvent;
    if (this.dispatchEvent(chosen)) {
      window.location.hash = hrefFor({ name: "location", address: address.id, ...(this.radius ? { radius: this.radius } : {}) });
    }
  }
}

customElements.define("mm-address-combobox", AddressCombobox);

declare global {
  interface HTMLElementTagNameMap {
    "mm-address-combobox": AddressCombobox;
  }
}
