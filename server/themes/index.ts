/** The registry of themes: adding a theme is one file in this folder plus one line here. */
import airQuality from "./air-quality.ts";
import circularEconomy from "./circular-economy.ts";
import climateAdaptation from "./climate-adaptation.ts";
import type { IndicatorDefinition, ThemeDefinition } from "./define-theme.ts";
import energy from "./energy.ts";
import noise from "./noise.ts";
import soil from "./soil.ts";

/** In the order of the policy plan's chapters. */
export const themes: readonly ThemeDefinition[] = [airQuality, noise, energy, climateAdaptation, circularEconomy, soil];

export function findIndicator(id: string): { theme: ThemeDefinition; indicator: IndicatorDefinition } | undefined {
  for (const theme of themes) {
    const indicator = theme.indicators.find((i) => i.id === id);
    if (indicator) return { theme, indicator };
  }
  return undefined;
}
