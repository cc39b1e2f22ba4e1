import type { IncomingHttpHeaders } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { DelayedError, type Job, type Queue } from 'bullmq';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';

/**
 * Optional OpenTelemetry traces across the API, SQL and jobs, instrumented by hand: the esbuild
 * bundle (scripts/build.mjs) defeats auto-instrumentation's require hooks.
 *
 * - a SERVER span per GraphQL request (http/server.ts, both executors), child of an incoming
 *   W3C `traceparent`, named by operation, with its type, the tenant key and the error code;
 * - a CLIENT span per SQL statement run inside a traced request or job, for every path (the
 *   ORM, the plain `pg` reads and batches): one hook on the shared pool's connections;
 * - a PRODUCER span per job added inside a trace, and a CONSUMER span per processed job, child
 *   of the producer (its `traceparent` travels in the job's data), so a trace goes
 *   API → SQL → send → job → SQL.
 *
 * Off unless OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
 * OTEL_TRACES_EXPORTER=otlp is set; off, every hook here is one boolean test (the pool and
 * queues are not even wrapped) and the SDK (./sdk.ts) is never loaded.
 *
 * Never in an attribute: GraphQL variables or documents, literal values of SQL (the ORM inlines
 * parameters into the statement text, so strings and numbers are replaced by `?`), error
 * messages (a unique violation's message quotes the row's values): only codes and names.
 */
const tracer = trace.getTracer('talent-schemes');
let enabled = false;
let sdk: { shutdown(): Promise<void> } | undefined;

/** Whether the environment asks for traces (the OpenTelemetry variables, read as the SDK reads them). */
export function tracesWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = env.OTEL_TRACES_EXPORTER?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (exporters?.length) return exporters.includes('otlp');
  return !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Turn traces on when the environment asks (see `tracesWanted`), before the App (its pool and
 * queues) is built. `serviceName`: talent-api or talent-worker; OTEL_SERVICE_NAME wins.
 */
export async function startTracing(serviceName: string, log: Logger): Promise<boolean> {
  if (enabled || !tracesWanted()) return enabled;
  const { installSdk } = await import('./sdk.js');
  sdk = installSdk(serviceName, log);
  enabled = true;
  log.info({ service: process.env.OTEL_SERVICE_NAME || serviceName }, 'OpenTelemetry traces on (OTLP/HTTP JSON)');
  return true;
}

/** Export what is buffered and stop (a process that is stopping). */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
}

export function tracingOn(): boolean {
  return enabled;
}

// ---------------------------------------------------------------------------------- requests

/** A GraphQL request's span, child of the caller's `traceparent` when it sends a valid one; undefined when traces are off. */
export function startRequestSpan(headers: IncomingHttpHeaders, method: string | undefined): Span | undefined {
  return serverSpan(headers, 'graphql', { 'http.request.method': method, 'url.path': '/graphql' });
}

/** A SERVER span, child of the caller's `traceparent` when it sends a valid one; undefined when traces are off. */
function serverSpan(headers: IncomingHttpHeaders, name: string, attributes: Attributes): Span | undefined {
  if (!enabled) return undefined;
  return tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, propagation.extract(ROOT_CONTEXT, headers));
}

/**
 * The span of a file endpoint beside /graphql (uploads, downloads, imports, exports, signed
 * links), named by its method and first path segment only: the rest of a path can carry a
 * signed link's token or a file's name.
 */
export function startRouteSpan(headers: IncomingHttpHeaders, method: string | undefined, route: string): Span | undefined {
  return serverSpan(headers, `${method ?? 'GET'} ${route}`, { 'http.request.method': method, 'http.route': route });
}

export function endRouteSpan(span: Span, outcome: { code?: string; status: number }): void {
  span.setAttributes({ 'http.response.status_code': outcome.status, 'error.code': outcome.code });
  if (outcome.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.code });
  span.end();
}

/** Run `fn` with `span` as the active span (its SQL statements and enqueued jobs become its children). */
export function withSpan<T>(span: Span | undefined, fn: () => T): T {
  return span ? context.with(trace.setSpan(context.active(), span), fn) : fn();
}

export interface RequestOutcome {
  /** The bounded operation label of the metrics (a GraphQL name, `anonymous` or `other`). */
  operation: string;
  operationType?: string;
  tenant?: string;
  /** The first error code, OK when none. */
  code: string;
  status: number;
  /** Which executor answered: graphql-jit (src/graphql/executor.ts) or apollo. */
  executor?: string;
  /** A server-side failure (5xx, INTERNAL_SERVER_ERROR): the span's status is ERROR. */
  failed: boolean;
}

export function endRequestSpan(span: Span, outcome: RequestOutcome): void {
  span.updateName(`${outcome.operationType ?? 'graphql'} ${outcome.operation}`);
  span.setAttributes({
    'graphql.operation.name': outcome.operation,
    'graphql.operation.type': outcome.operationType,
    'tenant.key': outcome.tenant,
    'graphql.error.code': outcome.code === 'OK' ? undefined : outcome.code,
    'graphql.executor': outcome.executor,
    'http.response.status_code': outcome.status,
  });
  if (outcome.failed) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.code });
  span.end();
}

// ---------------------------------------------------------------------------------------- SQL

/** Longest statement text kept on a span (sql-reads' single statements run to a few KiB). */
const MAX_STATEMENT = 4096;
/** String literals (with '' escapes, E'' too) and numbers not part of a name or a `$1` placeholder. */
const LITERALS = /'(?:[^']|'')*'|(?<![\w$."])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi;

/** A statement's text without its values: the ORM inlines parameters, so literals would carry personal data. */
export function sanitizeStatement(text: string): string {
  const clean = text.replace(LITERALS, '?');
  return clean.length > MAX_STATEMENT ? `${clean.slice(0, MAX_STATEMENT)}…` : clean;
}

/**
 * A span per statement on every connection of the shared pool (`pg` clients: what MikroORM's
 * Kysely driver, the planned reads and the delivery batches all run on). Statements outside a
 * traced request or job (start-up migrations, pool housekeeping) make no span.
 */
export function traceStatements(pool: Pool): void {
  if (!enabled) return;
  pool.on('connect', (client) => traceClient(client));
}

type QueryFn = (...args: unknown[]) => unknown;

function traceClient(client: PoolClient): void {
  const query = client.query as unknown as QueryFn;
  (client as unknown as { query: QueryFn }).query = function tracedQuery(this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: unknown; submit?: unknown } | undefined;
    const text = typeof first === 'string' ? first : first && typeof first === 'object' && typeof first.submit !== 'function' ? first.text : undefined;
    const parent = context.active();
    if (typeof text !== 'string' || !trace.getSpan(parent)?.isRecording()) return query.apply(this, args);
    const span = tracer.startSpan(
      operationOf(text),
      { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.system.name': 'postgresql', 'db.operation.name': operationOf(text), 'db.statement': sanitizeStatement(text) } },
      parent,
    );
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      // pg-pool's own `pool.query` passes a callback.
      args[last] = function (this: unknown, err: unknown, ...rest: unknown[]) {
        endStatement(span, err);
        return (callback as QueryFn).call(this, err, ...rest);
      };
      return query.apply(this, args);
    }
    let result: unknown;
    try {
      result = query.apply(this, args);
    } catch (e) {
      endStatement(span, e);
      throw e;
    }
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<unknown>).then(
        (r) => {
          endStatement(span);
          return r;
        },
        (e: unknown) => {
          endStatement(span, e);
          throw e;
        },
      );
    }
    endStatement(span);
    return result;
  };
}

/** The statement's first keyword (SELECT, INSERT, BEGIN…): a span name of low cardinality. */
function operationOf(text: string): string {
  return /^\s*(?:\/\*.*?\*\/\s*)?([a-z]+)/is.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
}

function endStatement(span: Span, err?: unknown): void {
  // The SQLSTATE only: PostgreSQL's messages quote values (a unique violation names the key's).
  if (err) span.setAttributes({ 'error.type': errorType(err), 'db.response.status_code': (err as { code?: string }).code }).setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

function errorType(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.name : 'Error';
}

// --------------------------------------------------------------------------------------- jobs

/** Keys of the W3C trace context carried in a job's data. */
interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The job data with the active trace context's `traceparent` (unchanged when there is none). */
function withTraceContext<T>(data: T): T {
  if (!data || typeof data !== 'object' || !trace.getSpan(context.active())?.isRecording()) return data;
  const carrier = { ...(data as object) } as T & TraceCarrier;
  propagation.inject(context.active(), carrier);
  return carrier;
}

/**
 * Jobs added to this queue carry the trace context they were added in (a request that planned
 * reminders, a reminder job that hands on to the webhook or the notification stage). Inside a
 * trace, each add is a PRODUCER span (one per `addBulk`, with its count), as OpenTelemetry's
 * messaging conventions have it: the trace shows when the job was sent and what sending cost,
 * and the job's CONSUMER span is its child.
 */
export function propagateTraceContext(queue: Queue): void {
  if (!enabled) return;
  const add = queue.add.bind(queue);
  const addBulk = queue.addBulk.bind(queue);
  queue.add = ((name: string, data: unknown, opts?: unknown) => produce(queue.name, name, 1, () => add(name, withTraceContext(data), opts as never))) as Queue['add'];
  queue.addBulk = ((jobs: { name: string; data: unknown }[]) =>
    produce(queue.name, jobs[0]?.name, jobs.length, () => addBulk(jobs.map((j) => ({ ...j, data: withTraceContext(j.data) })) as never))) as Queue['addBulk'];
}

/** Run `send` in a PRODUCER span when a trace is active (outside one, a job starts its own trace when processed). */
function produce<T>(queue: string, jobName: string | undefined, count: number, send: () => Promise<T>): Promise<T> {
  if (!trace.getSpan(context.active())?.isRecording()) return send();
  const span = tracer.startSpan(`${queue} send`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'bullmq',
      'messaging.operation.type': 'send',
      'messaging.destination.name': queue,
      'bullmq.job.name': jobName,
      'messaging.batch.message_count': count > 1 ? count : undefined,
    },
  });
  return context.with(trace.setSpan(context.active(), span), async () => {
    try {
      return await send();
    } catch (e) {
      span.setAttribute('error.type', errorType(e)).setStatus({ code: SpanStatusCode.ERROR });
      throw e;
    } finally {
      span.end();
    }
  });
}

/**
 * A processor that runs each job in a CONSUMER span: child of the trace context in its data (the
 * request or job that added it), else a trace of its own.
 */
export function traceProcessor<J extends Job, P extends Promise<unknown>>(queue: string, processor: (job: J, token?: string, signal?: AbortSignal) => P): (job: J, token?: string, signal?: AbortSignal) => P {
  if (!enabled) return processor;
  return (job, token, signal): P => {
    const data = (job.data ?? {}) as TraceCarrier & { tenant?: unknown };
    const parent: Context = typeof data.traceparent === 'string' ? propagation.extract(ROOT_CONTEXT, data) : ROOT_CONTEXT;
    const span = tracer.startSpan(
      `${queue} ${job.name}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'bullmq',
          'messaging.operation.type': 'process',
          'messaging.destination.name': queue,
          'messaging.message.id': job.id,
          'bullmq.job.name': job.name,
          'bullmq.job.attempt': job.attemptsMade + 1,
          'tenant.key': typeof data.tenant === 'string' ? data.tenant : undefined,
        },
      },
      parent,
    );
    const traced = context.with(trace.setSpan(parent, span), async () => {
      try {
        const result = await processor(job, token, signal);
        if (typeof result === 'string') span.setAttribute('bullmq.job.outcome', result);
        return result;
      } catch (e) {
        // A job that put itself back until later (BullMQ's DelayedError, as an early firing does)
        // has not failed: BullMQ reports no failure for it, and neither does its span.
        if (e instanceof DelayedError) span.setAttribute('bullmq.job.outcome', 'delayed');
        else span.setAttribute('error.type', errorType(e)).setStatus({ code: SpanStatusCode.ERROR });
        throw e;
      } finally {
        span.end();
      }
    });
    return traced as P;
  };
}
