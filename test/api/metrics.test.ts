import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { startHarness, type Harness } from '../support/harness.js';

/** `/metrics` for Prometheus and the request log line, after real traffic (issue 17, operations). */
let h: Harness;
let lines: Record<string, unknown>[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  h = await startHarness({ log: createLogger('info', sink), workers: true });
});
afterAll(async () => h?.close());

const scrape = async () => (await fetch(`${h.url}/metrics`)).text();
const value = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(series + ' '))?.split(' ')[1] ?? NaN);

describe('/metrics', () => {
  it('counts requests by operation and code, with latency, after traffic', async () => {
    const token = await h.token('alpha', 'commission-admin', { userId: 'metrics-user' });
    lines = [];
    await h.gql(token, `query Who { me { userId } }`);
    await h.gql(token, `query Who { me { userId } }`);
    await h.gql(token, `{ me { userId } }`);
    await h.gql(token, `query Bad { talent(id: "nope") { id } }`);
    await h.gql(null, `query Who { me { userId } }`);
    const text = await scrape();
    expect(value(text, 'graphql_requests_total{operation="Who",code="OK",status="200"}')).toBe(2);
    expect(value(text, 'graphql_requests_total{operation="anonymous",code="OK",status="200"}')).toBe(1);
    expect(value(text, 'graphql_requests_total{operation="Bad",code="BAD_USER_INPUT",status="200"}')).toBe(1);
    expect(value(text, 'graphql_requests_total{operation="none",code="UNAUTHENTICATED",status="401"}')).toBe(1);
    expect(value(text, 'graphql_request_duration_seconds_count{operation="Who"}')).toBe(2);
    // The request line names the operation, the user and the code, also for a refusal answered 200.
    const bad = lines.find((l) => l.msg === 'request' && l.operation === 'Bad');
    expect(bad).toMatchObject({ user: 'metrics-user', tenant: 'alpha', code: 'BAD_USER_INPUT', status: 200 });
  });

  it('keeps operation names a bounded label', async () => {
    const token = await h.token('alpha', 'viewer', { userId: 'metrics-many' });
    await h.gql(token, `{ me { userId } }`, undefined, {});
    const weird = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { userId } }', operationName: 'x y <script>' }) });
    expect(weird.status, await weird.clone().text()).toBe(400);
    expect(await scrape()).not.toContain('<script>');
  });

  it('reports queue depths, the connection pool and job outcomes per queue', async () => {
    await h.app.jobs.queues.scheduled.add('sweep', {}, { jobId: 'metrics-sweep' });
    for (let i = 0; i < 100 && !/jobs_total\{queue="scheduled",outcome="completed"\} [1-9]/.test(await scrape()); i++) await new Promise((r) => setTimeout(r, 100));
    const text = await scrape();
    expect(value(text, 'jobs_total{queue="scheduled",outcome="completed"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/queue_jobs\{queue="reminders",state="delayed"\} \d+/);
    expect(value(text, 'db_pool_connections{state="idle"}') + value(text, 'db_pool_connections{state="in_use"}')).toBeGreaterThan(0);
    expect(text).toContain('process_cpu_seconds_total');
    expect(lines.some((l) => l.msg === 'job done' && l.queue === 'scheduled')).toBe(true);
  });
});
