import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What `/metrics` tells Prometheus (prom-client): requests by operation and code with latency
 * histograms, job outcomes and run times per queue, queue depths, the connection pool, and the
 * process's own figures. One registry per App (tests run several in one process).
 *
 * Operation names come from clients, so they are a bounded label: a name must look like a
 * GraphQL name, and past MAX_OPERATIONS distinct ones the rest count as `other`.
 */
const MAX_OPERATIONS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'code' | 'status'>;
  private readonly latency: Histogram<'operation'>;
  private readonly jobs: Counter<'queue' | 'outcome'>;
  private readonly jobSeconds: Histogram<'queue'>;
  private readonly operations = new Set<string>();
  private readonly pools = new Set<Pool>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL requests by operation name, first error code (OK when none) and HTTP status', labelNames: ['operation', 'code', 'status'], registers: [this.registry] });
    this.latency = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from the request arriving to the response written, by operation name',
      labelNames: ['operation'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.jobs = new Counter({ name: 'jobs_total', help: 'Jobs finished, by queue and outcome (completed, failed)', labelNames: ['queue', 'outcome'], registers: [this.registry] });
    this.jobSeconds = new Histogram({ name: 'job_duration_seconds', help: 'Time a job ran on a worker, by queue', labelNames: ['queue'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120], registers: [this.registry] });
  }

  /** A bounded label for a client's operation name. */
  operationLabel(name: unknown): string {
    if (typeof name !== 'string' || !name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(name);
    return name;
  }

  request(operation: string, code: string, status: number, seconds: number): void {
    this.requests.inc({ operation, code, status: String(status) });
    this.latency.observe({ operation }, seconds);
  }

  job(queue: string, outcome: 'completed' | 'failed', seconds: number | null): void {
    this.jobs.inc({ queue, outcome });
    if (seconds !== null) this.jobSeconds.observe({ queue }, seconds);
  }

  /** Queue depths by state, read from Redis when Prometheus scrapes (not on every job). */
  observeQueues(queues: Queue[]): void {
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const q of queues) {
          const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized').catch(() => null);
          if (!counts) continue;
          for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
        }
      },
    });
  }

  /**
   * The PostgreSQL pool every tenant shares: connections in use, idle, and requests waiting for
   * one. The ORM may build its pool more than once (a reconnect), so every pool it reports is
   * summed while it is open.
   */
  observePool(pool: Pool): void {
    this.pools.add(pool);
    if (this.pools.size > 1) return;
    const pools = this.pools;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Connections of the shared PostgreSQL pool by state (in_use, idle) and requests waiting for one (waiting)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        let total = 0;
        let idle = 0;
        let waiting = 0;
        for (const p of pools) {
          if ((p as Pool & { ended?: boolean }).ended) continue;
          total += p.totalCount;
          idle += p.idleCount;
          waiting += p.waitingCount;
        }
        this.set({ state: 'in_use' }, total - idle);
        this.set({ state: 'idle' }, idle);
        this.set({ state: 'waiting' }, waiting);
      },
    });
  }
}

/** The first error code of a GraphQL response body, or OK; read from the text without parsing it. */
export function firstErrorCode(body: string, status: number): string {
  const at = body.indexOf('"errors":');
  if (at === -1) return status >= 400 ? `HTTP_${status}` : 'OK';
  return /"code":"([A-Z0-9_]{1,64})"/.exec(body.slice(at, at + 4096))?.[1] ?? 'INTERNAL_SERVER_ERROR';
}
