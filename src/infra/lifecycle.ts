/**
 * How `npm start` and `npm run worker` stop. SIGTERM or SIGINT (or, under npm, npm going away)
 * starts a graceful stop; a hard deadline then guarantees the process is gone within
 * SHUTDOWN_TIMEOUT_MS whatever state PostgreSQL and Redis are in: at the deadline whatever is
 * still open is abandoned, the servers we started are signalled, and the process exits 1.
 */
import type { Logger } from 'pino';

export interface StopOnSignalsOptions {
  log: Logger;
  /** The whole budget after the first signal, in ms. */
  timeoutMs: number;
  /** The graceful stop; `drainMs` is how long requests in flight may still take. */
  stop: (drainMs: number) => Promise<void>;
  /**
   * Stop as well when the parent process is gone. npm forwards SIGTERM/SIGINT to us, but a
   * killed npm forwards nothing and leaves us orphaned; so under npm we watch for that.
   */
  watchParent?: boolean;
}

/** What closing takes after the drain (jobs in hand, pool, Redis, the servers we started), kept out of the budget for requests. */
const CLOSING_RESERVE_MS = 5_000;

/** Installs the handlers; returns whether a stop has begun. */
export function stopOnSignals(opts: StopOnSignalsOptions): () => boolean {
  let stopping = false;
  const begin = (reason: string): void => {
    if (stopping) return; // npm forwards a terminal's Ctrl-C we also received: one stop is enough
    stopping = true;
    const drainMs = Math.max(opts.timeoutMs - CLOSING_RESERVE_MS, Math.floor(opts.timeoutMs / 2));
    opts.log.info({ reason, drainMs, timeoutMs: opts.timeoutMs }, 'draining and stopping');
    setTimeout(() => {
      // process.exit closes every socket; the 'exit' hook in children.ts signals our servers.
      opts.log.error({ timeoutMs: opts.timeoutMs }, `not stopped ${opts.timeoutMs} ms after ${reason}: exiting anyway, abandoning what is still open`);
      process.exit(1);
    }, opts.timeoutMs);
    const began = Date.now();
    opts.stop(drainMs).then(
      () => {
        opts.log.info({ ms: Date.now() - began }, 'stopped');
        process.exit(0);
      },
      (err: unknown) => {
        opts.log.error({ err }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => begin(signal));
  if (opts.watchParent) {
    const parent = process.ppid;
    // Cheap (a getppid call a second) and unref'd: it never keeps the process alive by itself.
    setInterval(() => {
      if (process.ppid !== parent) begin(`parent process ${parent} exited`);
    }, 1000).unref();
  }
  return () => stopping;
}

/** True when npm ran this process as the script `name` (npm sets npm_lifecycle_event for its child). */
export function startedByNpm(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return env.npm_lifecycle_event === name;
}
