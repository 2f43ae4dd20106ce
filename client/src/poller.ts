/**
 * Re-runs a load every few seconds while the host says something is still going (a pipeline run),
 * and never while the host is out of the document: a view left behind must not keep asking the API.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

export class Poller implements ReactiveController {
  readonly #tick: () => void;
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wanted = false;
  #connected = false;

  constructor(host: ReactiveControllerHost, tick: () => void, intervalMs = 2000) {
    this.#tick = tick;
    this.#intervalMs = intervalMs;
    host.addController(this);
  }

  /** Call after every load: `true` asks for one more tick after the interval, `false` stops. */
  keepGoing(wanted: boolean): void {
    this.#wanted = wanted;
    this.#clear();
    if (wanted && this.#connected) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#tick();
      }, this.#intervalMs);
    }
  }

  hostConnected(): void {
    this.#connected = true;
    // Re-attached while a run was still going (e.g. moved in the DOM): pick up where it stopped.
    if (this.#wanted) this.keepGoing(true);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#clear();
  }

  #clear() {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
