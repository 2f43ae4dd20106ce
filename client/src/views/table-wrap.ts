/**
 * A table that may scroll sideways on a narrow screen. The scrolling box is focusable and named, so
 * keyboard users can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
import { html, type TemplateResult } from "lit";

export function renderTableWrap(label: string, table: TemplateResult, className = ""): TemplateResult {
  return html`<div class="table-wrap ${className}" role="region" aria-label=${label} tabindex="0">${table}</div>`;
}
