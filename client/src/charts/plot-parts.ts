/**
 * The parts of Observable Plot the charts use, as one module: loaded on demand by plot.ts, and small
 * because only these (and what they need of d3) end up in its chunk.
 */
export { areaY, barX, barY, dot, frame, geo, line, lineY, plot, pointerX, rectX, ruleX, ruleY, stackY, text, tickX, tip } from "@observablehq/plot";
