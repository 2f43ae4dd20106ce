/** The registry of themes: adding a theme is one file in this folder plus one line here. */
import airQuality from "./air-quality.ts";
import type { IndicatorDefinition, ThemeDefinition } from "./define-theme.ts";

export const themes: readonly ThemeDefinition[] = [airQuality];

export function findIndicator(id: string): { theme: ThemeDefinition; indicator: IndicatorDefinition } | undefined {
  for (const theme of themes) {
    const indicator = theme.indicators.find((i) => i.id === id);
    if (indicator) return { theme, indicator };
  }
  return undefined;
}
