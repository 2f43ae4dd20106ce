/**
 * What the building map's input means, apart from the element: arrow keys and +/− as pans and
 * zooms, the wheel as a zoom factor, and pointers as a drag (one finger or the mouse), a pinch (two
 * fingers) or a tap (released within 5 px of where it went down).
 */

export type Gesture = { pan: [dx: number, dy: number] } | { zoom: number; x?: number; y?: number };

/** A key's pan (a quarter of the view) or zoom, or null for a key the map leaves alone. */
export function keyGesture(key: string, { width, height }: { width: number; height: number }, zoomStep: number): Gesture | null {
  const moves: Record<string, Gesture> = {
    ArrowLeft: { pan: [width / 4, 0] },
    ArrowRight: { pan: [-width / 4, 0] },
    ArrowUp: { pan: [0, height / 4] },
    ArrowDown: { pan: [0, -height / 4] },
    "+": { zoom: zoomStep },
    "=": { zoom: zoomStep },
    "-": { zoom: 1 / zoomStep },
  };
  return moves[key] ?? null;
}

/** The zoom factor of a wheel turn (lines or pixels). */
export function wheelFactor(event: Pick<WheelEvent, "deltaY" | "deltaMode">): number {
  return Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002));
}

const TAP_PX = 5;

export class PointerGestures {
  #pointers = new Map<number, { x: number; y: number }>();
  #dragDistance = 0;

  down(id: number, x: number, y: number): void {
    this.#pointers.set(id, { x, y });
    if (this.#pointers.size === 1) this.#dragDistance = 0;
  }

  /** Whether this pointer is down (else a move is a hover). */
  isDown(id: number): boolean {
    return this.#pointers.has(id);
  }

  /** The pan of a drag or the zoom of a pinch (about the fingers' midpoint) this move makes. */
  move(id: number, x: number, y: number): Gesture | null {
    const previous = this.#pointers.get(id);
    if (!previous) return null;
    const now = { x, y };
    let gesture: Gesture | null = null;
    if (this.#pointers.size === 1) {
      this.#dragDistance += Math.abs(now.x - previous.x) + Math.abs(now.y - previous.y);
      gesture = { pan: [now.x - previous.x, now.y - previous.y] };
    } else if (this.#pointers.size === 2) {
      const other = [...this.#pointers.entries()].find(([other]) => other !== id)![1];
      const before = Math.hypot(previous.x - other.x, previous.y - other.y);
      const after = Math.hypot(now.x - other.x, now.y - other.y);
      this.#dragDistance += Math.abs(after - before);
      if (before > 0 && after > 0) gesture = { zoom: after / before, x: (now.x + other.x) / 2, y: (now.y + other.y) / 2 };
    }
    this.#pointers.set(id, now);
    return gesture;
  }

  /** Releases the pointer; true when it was a tap. */
  up(id: number): boolean {
    const wasTap = this.#pointers.size === 1 && this.#dragDistance < TAP_PX;
    this.#pointers.delete(id);
    return wasTap;
  }
}
