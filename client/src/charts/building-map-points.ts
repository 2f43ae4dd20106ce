/**
 * The building map's points in words: the list under the canvas through which each point is reached
 * with the keyboard (focusing one rings it on the map), and the count by kind for the text alternative.
 */
import { html, nothing } from "lit";
import type { MessageKey } from "../messages.ts";
import { kindColour, kindGlyph, pointKinds, type MapPointInput } from "./building-map-draw.ts";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "3 × establishment, 1 × complaint", or null without points. */
export function pointCounts(points: readonly MapPointInput[], t: Translate): string | null {
  const counts = pointKinds
    .map((kind) => [kind, points.filter((point) => point.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} × ${t(`buildingMap.kind.${kind}`)}`);
  return counts.length > 0 ? counts.join(", ") : null;
}

/** The points as a list of links (or focusable labels); `onFocus` gets the index in focus, or null. */
export function renderPointList(points: readonly MapPointInput[], t: Translate, onFocus: (index: number | null) => void) {
  if (points.length === 0) return nothing;
  return html`<details>
    <summary>${t("buildingMap.points", { count: points.length })}</summary>
    <ul>
      ${points.map(
        (point, index) =>
          html`<li @focusin=${() => onFocus(index)} @focusout=${() => onFocus(null)}>
            <span aria-hidden="true" style=${`color: ${kindColour[point.kind]}`}>${kindGlyph[point.kind]}</span>
            ${t(`buildingMap.kind.${point.kind}`)}:
            ${point.href ? html`<a href=${point.href}>${point.label}</a>` : html`<span tabindex="0">${point.label}</span>`}
          </li>`,
      )}
    </ul>
  </details>`;
}
