import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TenantInfo } from '../plugin/contract.js';
import type { PluginHost } from '../plugin/host.js';

/**
 * The repeating jobs of the `scheduled` queue — the sweep and every plugin job, per tenant — as
 * the code declares them, compared with what Redis holds, and kept there by a watchdog.
 *
 * BullMQ keeps a job scheduler only in Redis. A FLUSHALL, or a Redis restarted without
 * persistence, deletes them all, and nothing re-creates them until a worker starts again: the
 * sweep stops, so reminders whose jobs Redis also lost stay pending. Every worker process
 * therefore runs a `SchedulerWatchdog` that re-creates what is missing.
 */
export interface SchedulerSpec {
  id: string;
  repeat: { every: number } | { pattern: string; tz: string };
  template: { name: string; data: Record<string, unknown> };
}

export interface SchedulerReport {
  /** False when a declared scheduler is missing from Redis. */
  ok: boolean;
  expected: number;
  present: number;
  /** Declared, not in Redis: its jobs will not run until a worker's watchdog re-creates it. */
  missing: string[];
  /** In Redis with another schedule than the code declares (a process with other settings wrote it). */
  mismatched: string[];
  /** In Redis, declared by nobody any more (a plugin disabled for a tenant, a tenant removed). */
  unexpected: string[];
}

export const SWEEP_SCHEDULER = 'sweep';

/** Every scheduler the code declares: the sweep, and one per tenant and scheduled plugin job. */
export function declaredSchedulers(tenants: TenantInfo[], host: PluginHost, sweepEveryMs: number): SchedulerSpec[] {
  const specs: SchedulerSpec[] = [{ id: SWEEP_SCHEDULER, repeat: { every: sweepEveryMs }, template: { name: 'sweep', data: {} } }];
  for (const tenant of tenants) {
    for (const plugin of host.enabled(tenant)) {
      for (const def of plugin.jobs ?? []) {
        if (!def.schedule) continue;
        specs.push({
          id: `${plugin.key}.${def.name}.${tenant.key}`,
          repeat: { pattern: def.schedule.pattern, tz: def.schedule.tz ?? 'Asia/Shanghai' },
          template: { name: `${plugin.key}.${def.name}`, data: { tenant: tenant.key, plugin: plugin.key, job: def.name } },
        });
      }
    }
  }
  return specs;
}

export async function upsertScheduler(queue: Queue, spec: SchedulerSpec): Promise<void> {
  await queue.upsertJobScheduler(spec.id, spec.repeat, spec.template);
}

/** Declared against present. Reads every scheduler of the queue (one sorted set and a hash each). */
export async function inspectSchedulers(queue: Queue, declared: SchedulerSpec[]): Promise<SchedulerReport> {
  const present = new Map((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, s]));
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const spec of declared) {
    const found = present.get(spec.id);
    if (!found) missing.push(spec.id);
    else if ('every' in spec.repeat ? found.every !== spec.repeat.every : found.pattern !== spec.repeat.pattern || (found.tz ?? 'UTC') !== spec.repeat.tz) mismatched.push(spec.id);
  }
  const ids = new Set(declared.map((s) => s.id));
  const unexpected = [...present.keys()].filter((k) => !ids.has(k));
  return { ok: missing.length === 0, expected: declared.length, present: present.size, missing, mismatched, unexpected };
}

export interface WatchdogOptions {
  queue: Queue;
  /** The producer connection: its 'ready' after a reconnect (a Redis restart) triggers a check at once. */
  connection: Redis;
  declared: () => Promise<SchedulerSpec[]>;
  checkEveryMs: number;
  sweepEveryMs: number;
  /** When any process last finished a sweep (kept in Redis), or null if Redis does not know. */
  lastSweep: () => Promise<number | null>;
  /** Runs the sweep in this process. */
  sweep: () => Promise<unknown>;
  log: Logger;
}

/**
 * Keeps the declared schedulers in Redis: on a timer in this process (which a Redis flush cannot
 * delete) and whenever the connection comes back, it re-creates each scheduler that is missing
 * or whose next job is gone. Upserting is idempotent, so several worker processes may race.
 * If the sweep still has not run for two of its intervals (its scheduler cannot be written, or the
 * scheduled queue is stuck or paused), the watchdog runs the sweep itself.
 */
export class SchedulerWatchdog {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private failing = false;
  private lastSweepAt = Date.now();
  private readonly onReady = () => void this.check('redis reconnected');

  constructor(private readonly o: WatchdogOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.check('timer'), this.o.checkEveryMs);
    this.o.connection.on('ready', this.onReady);
  }

  /** One check at a time; a check asked for while one runs joins it. */
  check(reason: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.run(reason).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the timer and waits for a check in progress, so nothing writes to Redis afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.o.connection.off('ready', this.onReady);
    await this.running;
  }

  private async run(reason: string): Promise<void> {
    try {
      const restored = await this.restore();
      if (restored.length) this.o.log.warn({ reason, restored }, 'job schedulers were missing from Redis (flushed or restarted?); re-created them');
      if (this.failing) this.o.log.info('job scheduler check works again');
      this.failing = false;
    } catch (e) {
      if (!this.failing) this.o.log.warn({ reason, err: (e as Error).message }, 'could not check the job schedulers; retrying');
      this.failing = true;
    }
    await this.sweepIfOverdue().catch((e: Error) => this.o.log.warn({ err: e.message }, 'fallback sweep failed'));
  }

  private async restore(): Promise<string[]> {
    const declared = await this.o.declared();
    const present = new Map((await this.o.queue.getJobSchedulers(0, -1)).map((s) => [s.key, s]));
    const restored: string[] = [];
    for (const spec of declared) {
      if (this.stopped) break;
      const found = present.get(spec.id);
      // A scheduler makes its next job when the last one starts; without that job it never fires again.
      const idle = found && (found.next === undefined || (await this.o.queue.getJobState(`repeat:${spec.id}:${found.next}`)) === 'unknown');
      if (found && !idle) continue;
      await upsertScheduler(this.o.queue, spec);
      restored.push(spec.id);
    }
    return restored;
  }

  private async sweepIfOverdue(): Promise<void> {
    const last = await this.o.lastSweep().catch(() => null);
    if (last) this.lastSweepAt = Math.max(this.lastSweepAt, last);
    if (this.stopped || Date.now() - this.lastSweepAt < 2 * this.o.sweepEveryMs) return;
    this.o.log.warn({ lastSweepAt: new Date(this.lastSweepAt).toISOString() }, 'no sweep ran for two intervals; sweeping in this process');
    this.lastSweepAt = Date.now();
    await this.o.sweep();
  }
}
