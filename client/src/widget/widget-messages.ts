/**
 * The <mm-indicator> widget's own strings: it is loaded by other sites, so it carries only these,
 * not the app's catalogue.
 */
import { defineMessages } from "../messages/define.ts";

export const widgetMessages = defineMessages(
  {
    "widget.loading": "Indicator laden…",
    "widget.unavailable": "Indicator niet beschikbaar",
    "widget.noData": "Nog geen gegevens",
    "widget.target": "Doel: {label}",
    "widget.trend": "Verloop {from}–{to} ({unit}): {values}",
    "widget.suppressed": "onderdrukt",
    "widget.missing": "geen waarde",
    "widget.source": "Bron: {source} · Licentie: {licence}",
    "widget.more": "Meer in de Milieumonitor",
    "widget.status.achieved": "behaald",
    "widget.status.on-track": "op koers",
    "widget.status.at-risk": "risico",
    "widget.status.off-track": "niet op koers",
    "widget.status.no-data": "geen gegevens",
  },
  {
    "widget.loading": "Loading indicator…",
    "widget.unavailable": "Indicator not available",
    "widget.noData": "No data yet",
    "widget.target": "Target: {label}",
    "widget.trend": "Trend {from}–{to} ({unit}): {values}",
    "widget.suppressed": "suppressed",
    "widget.missing": "no value",
    "widget.source": "Source: {source} · Licence: {licence}",
    "widget.more": "More in the Milieumonitor",
    "widget.status.achieved": "achieved",
    "widget.status.on-track": "on track",
    "widget.status.at-risk": "at risk",
    "widget.status.off-track": "off track",
    "widget.status.no-data": "no data",
  },
);

export type WidgetLang = keyof typeof widgetMessages;
export type WidgetMessageKey = keyof (typeof widgetMessages)["nl"];

/** The text of `key` in `lang`, with `{name}` placeholders filled from `values`. */
export function widgetText(lang: WidgetLang, key: WidgetMessageKey, values: Record<string, string> = {}): string {
  return widgetMessages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
