/**
 * Bounds work that competes for a scarce resource: `running` at once, `waiting` more in line, and
 * anything beyond refused at once rather than queued without end. With `restRatio`, a place stays
 * taken after its work for that multiple of the work's own time, so the work gets at most
 * 1 / (1 + restRatio) of a thread however long a burst lasts.
 */
export interface WorkGate {
  /** Runs `work` when a place is free; rejects with `refusal()` at once when the line is full. */
  run<T>(work: () => Promise<T>, refusal: () => Error): Promise<T>;
}

export function createWorkGate({ running, waiting, restRatio = 0 }: { running: number; waiting: number; restRatio?: number }): WorkGate {
  let active = 0;
  const line: (() => void)[] = [];
  const release = () => {
    const next = line.shift();
    if (next) next();
    else active--;
  };
  return {
    async run(work, refusal) {
      if (active >= running) {
        if (line.length >= waiting) throw refusal();
        // The place is handed over by `release` without lowering `active`, so none can jump the line.
        await new Promise<void>((resolve) => line.push(resolve));
      } else {
        active++;
      }
      const started = performance.now();
      try {
        return await work();
      } finally {
        const rest = (performance.now() - started) * restRatio;
        // Not unref'd: a caller waiting in line is waiting on this timer, and with nothing else
        // pending (a live start hashing the demo passwords, no server listening yet) an unref'd
        // timer let the process exit with its start unfinished (exit code 13).
        if (rest > 0) setTimeout(release, rest);
        else release();
      }
    },
  };
}
