/**
 * Charts are drawn one per task instead of all in the task that first lays out the page: on a phone
 * that one task blocked input for about a second on the establishment dossier (issue 22, Lighthouse
 * mobile). Charts near the screen go first, each in its own task; the others wait for an idle moment
 * but are still drawn without scrolling, so nothing depends on being looked at. Printing draws
 * whatever is still waiting first.
 */
type Draw = () => void;

const soon = new Set<Draw>();
const whenIdle = new Set<Draw>();
/** The one pending callback, so each task runs at most one draw. */
let scheduled: { priority: "soon" | "idle"; cancel: () => void } | null = null;

/**
 * Queue `draw`: `soon` for a chart near the screen, else for an idle moment. The returned function
 * takes it off the queue (e.g. on disconnect).
 */
export function queueDraw(draw: Draw, priority: "soon" | "idle"): () => void {
  (priority === "soon" ? soon : whenIdle).add(draw);
  if (priority === "soon") whenIdle.delete(draw);
  schedule();
  return () => {
    soon.delete(draw);
    whenIdle.delete(draw);
  };
}

/** Run every waiting draw now, e.g. before printing. */
export function drawAllNow(): void {
  for (const draw of [...soon, ...whenIdle]) {
    soon.delete(draw);
    whenIdle.delete(draw);
    draw();
  }
}

function runNext(): void {
  scheduled = null;
  const [first] = soon.size > 0 ? soon : whenIdle;
  if (first) {
    soon.delete(first);
    whenIdle.delete(first);
    first();
  }
  schedule();
}

function schedule(): void {
  if (scheduled?.priority === "soon" || (scheduled && soon.size === 0)) return;
  // A draw that became urgent doesn't wait behind an idle callback.
  scheduled?.cancel();
  scheduled = null;
  if (soon.size > 0) {
    const timer = setTimeout(runNext, 0);
    scheduled = { priority: "soon", cancel: () => clearTimeout(timer) };
  } else if (whenIdle.size > 0) {
    // Safari has no requestIdleCallback; a zero timeout still yields between draws.
    if (typeof requestIdleCallback === "function") {
      const handle = requestIdleCallback(runNext, { timeout: 500 });
      scheduled = { priority: "idle", cancel: () => cancelIdleCallback(handle) };
    } else {
      const timer = setTimeout(runNext, 0);
      scheduled = { priority: "idle", cancel: () => clearTimeout(timer) };
    }
  }
}

window.addEventListener("beforeprint", drawAllNow);
