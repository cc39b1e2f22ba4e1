import pg from 'pg';
import { Queue } from 'bullmq';
import { describe, expect, inject, it } from 'vitest';
import { samplerFromEnv } from '../../src/telemetry/sdk.js';
import { propagateTraceContext, sanitizeStatement, startRequestSpan, traceProcessor, traceStatements, tracesWanted, tracingOn } from '../../src/telemetry/tracing.js';

/** The parts of src/telemetry/tracing.ts that need no collector; the traces themselves: test/api/tracing.test.ts. */
describe('when traces are on', () => {
  it('on with an OTLP endpoint or OTEL_TRACES_EXPORTER=otlp; off without, with exporter none, or with the SDK disabled', () => {
    expect(tracesWanted({})).toBe(false);
    expect(tracesWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracesWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracesWanted({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracesWanted({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(tracesWanted({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
  });
});

describe('sampling', () => {
  it('every trace by default, following the caller; a ratio of new traces with OTEL_TRACES_SAMPLER', () => {
    expect(samplerFromEnv({}).toString()).toMatch(/^ParentBased\{root=AlwaysOnSampler,/);
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }).toString()).toMatch(/^ParentBased\{root=TraceIdRatioBased\{0\.1\},/);
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).toString()).toBe('TraceIdRatioBased{0.25}');
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'always_off' }).toString()).toBe('AlwaysOffSampler');
  });
});

describe('statement text on a span', () => {
  it('keeps the statement and drops every literal value (the ORM inlines parameters)', () => {
    expect(sanitizeStatement(`select "t0".* from "t_wenzhou"."talent" as "t0" where "t0"."phone_index" = 'abc''d' and "t0"."age" > 42 and x = $1 limit 10`)).toBe(
      `select "t0".* from "t_wenzhou"."talent" as "t0" where "t0"."phone_index" = ? and "t0"."age" > ? and x = $1 limit ?`,
    );
    expect(sanitizeStatement(`insert into "t_a"."talent" ("name", "id_card_number", "score") values ('王芳', '33030219850315123X', -1.5e3)`)).toBe(
      `insert into "t_a"."talent" ("name", "id_card_number", "score") values (?, ?, ?)`,
    );
    expect(sanitizeStatement(`select 'x' || repeat('y', 5000)`.padEnd(6000, ' '))).toHaveLength(4097);
  });
});

describe('with traces off', () => {
  it('wraps nothing: the pool’s connections, the queues and the processors are the originals, and a request has no span', async () => {
    expect(tracingOn()).toBe(false);
    expect(startRequestSpan({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }, 'POST')).toBeUndefined();
    const processor = async () => 'done';
    expect(traceProcessor('reminders', processor)).toBe(processor);
    const queue = new Queue('tracing-off', { connection: { lazyConnect: true }, prefix: '{tracing-off}' });
    const add = queue.add;
    propagateTraceContext(queue);
    expect(queue.add).toBe(add);
    await queue.close();
    const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
    traceStatements(pool);
    const client = await pool.connect();
    expect(client.query).toBe(pg.Client.prototype.query);
    client.release();
    await pool.end();
  });
});
