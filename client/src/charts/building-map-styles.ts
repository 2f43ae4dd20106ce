/** The building map's layout: controls over the canvas, status and scale bar, legend and point list. */
import { css } from "lit";

export const buildingMapStyles = css`
  .frame {
    position: relative;
    width: 100%;
    overflow: hidden;
    border: 1px solid var(--mm-line);
    border-radius: 4px;
  }
  canvas {
    display: block;
    width: 100%;
    touch-action: none;
    cursor: grab;
  }
  canvas:focus-visible {
    outline: 3px solid var(--mm-focus);
    outline-offset: -3px;
  }
  .controls {
    position: absolute;
    top: 0.5rem;
    right: 0.5rem;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .controls button {
    min-width: 2.25rem;
    min-height: 2.25rem;
    font-size: 1.1rem;
    line-height: 1;
    padding: 0;
    color: var(--mm-ink);
    background: var(--mm-surface);
    border: 1px solid var(--mm-muted);
    border-radius: 4px;
  }
  .status {
    position: absolute;
    top: 0.5rem;
    left: 0.5rem;
    right: 3.5rem;
    margin: 0;
    pointer-events: none;
  }
  .status span {
    display: inline-block;
    background: rgba(255, 255, 255, 0.92);
    border: 1px solid var(--mm-line);
    border-radius: 4px;
    padding: 0.15rem 0.5rem;
    font-size: 0.9rem;
  }
  .scale {
    position: absolute;
    left: 0.5rem;
    bottom: 0.5rem;
    font-size: 0.8rem;
    background: rgba(255, 255, 255, 0.85);
    padding: 0 0.25rem;
    pointer-events: none;
  }
  .scale .bar {
    display: block;
    height: 0.4rem;
    border: 2px solid var(--mm-ink);
    border-top: none;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
    font-size: 0.9rem;
  }
  .glyph {
    font-weight: 700;
  }
  .building {
    display: inline-block;
    width: 0.9em;
    height: 0.7em;
    background: #d9dcd8;
    border: 1px solid #9aa19c;
    vertical-align: -0.05em;
  }
  .boundary {
    display: inline-block;
    width: 1.2em;
    border-top: 2px dashed #1f2a2e;
    vertical-align: 0.3em;
  }
  details {
    margin-top: 0.25rem;
    font-size: 0.9rem;
  }
  details ul {
    margin: 0.25rem 0;
    padding-left: 1.25rem;
    max-height: 12rem;
    overflow: auto;
  }
`;
