/**
 * Observable Plot (with the d3 modules under it) is by far the largest part of the client, so it is
 * not part of any page's first load: a page paints its text and tables first and Plot arrives in its
 * own chunk (issue 22, Lighthouse mobile). Chart functions use `Plot` from here exactly as they would
 * the module (the parts they use are listed in plot-parts.ts); `<mm-chart-frame>` awaits `loadPlot()`
 * before it calls one.
 */
import type * as PlotModule from "./plot-parts.ts";

export type * as PlotTypes from "@observablehq/plot";

let loaded: typeof PlotModule | null = null;
let loading: Promise<typeof PlotModule> | null = null;

/** Load Plot once; a failed load (network) is tried again on the next call. */
export function loadPlot(): Promise<typeof PlotModule> {
  loading ??= import("./plot-parts.ts").then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export function plotLoaded(): boolean {
  return loaded !== null;
}

/** The Plot module; using it before `loadPlot()` has resolved is a programming error. */
export const Plot: typeof PlotModule = new Proxy({} as typeof PlotModule, {
  get(_target, name) {
    if (!loaded) throw new Error(`Observable Plot used before loadPlot() resolved (Plot.${String(name)})`);
    return loaded[name as keyof typeof PlotModule];
  },
});
