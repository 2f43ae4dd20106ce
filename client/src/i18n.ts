/**
 * Language state (Dutch first, English available) and translation. Components that show text add a
 * `LangController`, so switching the language re-renders them without reloading data.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Localized } from "../../src/ground/contract/contract.ts";
import { messages, type MessageKey } from "./messages.ts";

export type Lang = "nl" | "en";
export type { MessageKey };

const storageKey = "mm-lang";
const changes = new EventTarget();
let current: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(storageKey) === "en" ? "en" : "nl";
  } catch {
    // Storage can be blocked (privacy settings); Dutch is the default anyway.
    return "nl";
  }
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Not remembering the choice is acceptable; the switch itself still works.
  }
  document.documentElement.lang = next;
  changes.dispatchEvent(new Event("change"));
}

/** Translate in an explicit language; for pure functions such as charts. */
export function translate(language: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Translate in the current language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(current, key, params);
}

/** The current language's text of a `{nl, en}` object from the API. */
export function pick(localized: Localized, language: Lang = current): string {
  return localized[language];
}

export class LangController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #onChange = () => this.#host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    changes.addEventListener("change", this.#onChange);
  }

  hostDisconnected(): void {
    changes.removeEventListener("change", this.#onChange);
  }
}

document.documentElement.lang = current;
