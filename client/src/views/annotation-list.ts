/**
 * The notes on the data as a numbered list: the numbers are those drawn on the chart
 * (charts/annotation-marks.ts), so the list is the chart's key and its text alternative.
 */
import { css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import type { ProvenanceNote } from "../../../src/ground/contract/contract-annotations.ts";
import { lang, t } from "../i18n.ts";

/** Fired on window after a note was added or deleted, so the charts showing its subject load again. */
export const annotationsChangedEvent = "mm-annotations-changed";

/** Calls `reload` whenever a note is added or deleted on the page, while the host is connected. */
export class NotesChangedController implements ReactiveController {
  readonly #reload: () => void;

  constructor(host: ReactiveControllerHost, reload: () => unknown) {
    this.#reload = () => void reload();
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(annotationsChangedEvent, this.#reload);
  }

  hostDisconnected(): void {
    window.removeEventListener(annotationsChangedEvent, this.#reload);
  }
}

const dayFormat = {
  nl: new Intl.DateTimeFormat("nl-NL", { dateStyle: "medium", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }),
};

/** "3 mei 2024" or "3 mei 2024 – 5 mei 2024". */
export function noteDates(note: Pick<ProvenanceNote, "from" | "to">): string {
  const day = (d: string) => dayFormat[lang()].format(new Date(`${d}T00:00:00Z`));
  return note.to && note.to !== note.from ? `${day(note.from)} – ${day(note.to)}` : day(note.from);
}

/** The text in the UI's language; a note without English shows its Dutch. */
export const noteText = (note: Pick<ProvenanceNote, "text">) => (lang() === "en" ? note.text.en : null) ?? note.text.nl;

export function renderAnnotationList(notes: readonly ProvenanceNote[] | undefined): TemplateResult | null {
  if (!notes || notes.length === 0) return null;
  return html`<ol class="annotation-list" data-testid="annotation-list" aria-label=${t("notes.listLabel")}>
    ${notes.map((note) => html`<li data-testid="annotation" data-annotation-id=${note.id}>${t("notes.item", { dates: noteDates(note), text: noteText(note) })}</li>`)}
  </ol>`;
}

export const annotationListStyles = css`
  ol.annotation-list {
    margin: 0.4rem 0 0;
    padding-left: 1.6rem;
    color: #3d2a60;
    font-size: 0.95rem;
  }
  ol.annotation-list li::marker {
    font-weight: 700;
  }
`;
