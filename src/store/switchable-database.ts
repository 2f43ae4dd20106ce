/**
 * A reader's database (MM_MODE=reader): whichever snapshot is open now, switched to a newer one
 * without failing a request in flight. Every call borrows the instance that is current when it starts
 * and finishes on it; the previous instance is closed only once all its calls have come back.
 * `published` is the current instance's, and its subscribers are told of each switch as of a
 * publish, so caches versioned by it (indicators, answers) compute again.
 *
 * A snapshot is opened read-only: a statement that would write fails in DuckDB, and is answered as
 * the writer-only routes are (503, "writes go to the writer"), never as a server error.
 */
import { Unavailable } from "../ground/domain-errors.ts";
import { msg } from "../ground/i18n/message.ts";
import type { Database } from "./database.ts";
import type { PublishedRuns, PublishedState } from "./published-runs.ts";

export interface SwitchableDatabase extends Database {
  /** The instance serving now; null before the first switch. */
  readonly current: Database | null;
  /**
   * Makes `next` current. Resolves once the previous instance, if any, has been closed: after every
   * call that borrowed it has ended.
   */
  switchTo(next: Database): Promise<void>;
}

interface Lease {
  db: Database;
  borrowed: number;
  returned: (() => void) | null;
}

/** DuckDB's refusal of a statement that would write: 'Cannot execute statement of type "INSERT" on database "…" which is attached in read-only mode!' */
const READ_ONLY_WRITE = /which is attached in read-only mode/;

export function createSwitchableDatabase(): SwitchableDatabase {
  let lease: Lease | null = null;
  const retiring = new Set<Promise<void>>();
  const listeners: ((runs: PublishedRuns) => void)[] = [];
  const noSnapshot = () => new Unavailable(msg("reader.noSnapshot"));

  async function borrow<T>(use: (db: Database) => Promise<T>): Promise<T> {
    const held = lease;
    if (!held) throw noSnapshot();
    held.borrowed += 1;
    try {
      return await use(held.db);
    } catch (error) {
      if (error instanceof Error && READ_ONLY_WRITE.test(error.message)) throw new Unavailable(msg("reader.readOnly"), { cause: error });
      throw error;
    } finally {
      held.borrowed -= 1;
      if (held.borrowed === 0) held.returned?.();
    }
  }

  async function retire(old: Lease): Promise<void> {
    if (old.borrowed > 0) await new Promise<void>((resolve) => (old.returned = resolve));
    await old.db.close();
  }

  const published: PublishedState = {
    // Before the first snapshot nothing is published here, as on a fresh install (and /readyz says 503).
    settled: async () => (lease ? lease.db.published.settled() : new Map()),
    // A reader never commits a publish: its snapshots are published data already.
    begin: () => lease?.db.published.begin(),
    end: async () => lease?.db.published.end(),
    subscribe: (listener) => void listeners.push(listener),
  };

  return {
    get path() {
      return lease?.db.path ?? "";
    },
    walSetAside: null,
    renamedTables: [],
    published,
    get current() {
      return lease?.db ?? null;
    },
    async switchTo(next) {
      const old = lease;
      lease = { db: next, borrowed: 0, returned: null };
      const runs = await next.published.settled();
      for (const listener of listeners) listener(runs);
      if (!old) return;
      const retired = retire(old);
      retiring.add(retired);
      try {
        await retired;
      } finally {
        retiring.delete(retired);
      }
    },
    withConnection: (fn, options) => borrow((db) => db.withConnection(fn, options)),
    query: (sql, params, options) => borrow((db) => db.query(sql, params, options)),
    stream: (sql, params, options, onRows) => borrow((db) => db.stream(sql, params, options, onRows)),
    async close() {
      const last = lease;
      lease = null;
      await Promise.allSettled(retiring);
      await last?.db.close();
    },
  };
}
