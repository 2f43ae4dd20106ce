/**
 * `<mm-building-map>` is the heaviest part of a dossier to set up and sits below the first screen on a
 * phone, so its module is not part of the dossier's first load (issue 22, Lighthouse mobile): it loads
 * when a map nears the screen, or else when the browser is next idle, so it is there without scrolling
 * too. Until then the element is an empty box of the map's height (no layout shift).
 */
import { css, type ReactiveController, type ReactiveControllerHost } from "lit";
import { queueDraw } from "../../draw-queue.ts";

let loading: Promise<unknown> | null = null;

function loadBuildingMap(): void {
  loading ??= import("../../charts/building-map.ts").catch((error: unknown) => {
    // Tried again by the next dossier that shows a map.
    loading = null;
    console.error("the building map did not load", error);
  });
}

/**
 * Load the building map's module for the `mm-building-map` elements under `root`, once one nears the
 * screen or the browser is idle. Returns the function that stops waiting (on disconnect), or null
 * when there is nothing to wait for: no map under `root` yet, or the module is loading or loaded.
 */
export function loadBuildingMapFor(root: ParentNode): (() => void) | null {
  if (loading) return null;
  const maps = [...root.querySelectorAll("mm-building-map")];
  if (maps.length === 0) return null;
  let leaveQueue: () => void = () => undefined;
  const near = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) load();
    },
    { rootMargin: "400px 0px" },
  );
  const stop = () => {
    near.disconnect();
    leaveQueue();
  };
  const load = () => {
    stop();
    loadBuildingMap();
  };
  leaveQueue = queueDraw(load, "idle");
  for (const map of maps) near.observe(map);
  return stop;
}

/**
 * For a view that renders `mm-building-map`: after each update it waits (as above) for a map it
 * rendered, and stops waiting when the view is disconnected.
 */
export class LazyBuildingMap implements ReactiveController {
  #stop: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost & { renderRoot: ParentNode }) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.#stop ??= loadBuildingMapFor(this.host.renderRoot);
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = null;
  }
}

/** The map's place while its module loads: its height, so nothing moves when it arrives. */
export const buildingMapPlaceholder = css`
  mm-building-map:not(:defined) {
    display: block;
    min-height: var(--mm-building-map-height, 360px);
  }
`;
