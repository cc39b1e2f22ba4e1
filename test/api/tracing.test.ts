import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayInShanghai } from '../../src/calendar.js';
import { createLogger } from '../../src/log.js';
import { DelayedError, type Job } from 'bullmq';
import { startTracing, stopTracing, traceProcessor } from '../../src/telemetry/tracing.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';
import { ensureBuilt, run, userEnv, waitUntil, type Command } from '../support/processes.js';

/**
 * OpenTelemetry traces across API, SQL and jobs (issue 17), exported to a local OTLP/HTTP
 * receiver (a node:http server keeping what is POSTed to /v1/traces; the exporter sends JSON).
 *
 * The API and its SQL run in this process on the harness, with traces turned on by the same
 * `startTracing` that `npm start` calls: the reminder flow needs the sample-scheme fixture
 * plugin, which the built API does not contain, so a built API process could not serve it. The
 * worker is a real process (`node dist/worker.js`, the bundle), its traces turned on by its
 * environment alone: the promise that a job continues the request's trace across processes
 * (its `traceparent` travels in the job's data through Redis) is tested with processes.
 */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  /** OTLP's status; code 2 is ERROR, absent or 0 is unset. */
  status?: { code?: number };
}

const received: ReceivedSpan[] = [];
const bodies: string[] = [];
let receiver: Server;
let endpoint: string;
let h: Harness;
let worker: Command | undefined;

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const JIT_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const APOLLO_TRACE_ID = '5b8aa5a2d2c872e8321cf37308d69df2';
const PERSON = { name: '追踪测试人', phone: '13900007777', idCardNumber: '33030219850315123X' };

function attributesOf(list: { key: string; value: Record<string, unknown> }[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map((a) => [a.key, Object.values(a.value)[0]]));
}

function collect(body: string): void {
  bodies.push(body);
  const doc = JSON.parse(body) as { resourceSpans: { resource: { attributes: never }; scopeSpans: { spans: (Omit<ReceivedSpan, 'attributes' | 'service'> & { attributes: never })[] }[] }[] };
  for (const rs of doc.resourceSpans) {
    const service = String(attributesOf(rs.resource.attributes)['service.name']);
    for (const ss of rs.scopeSpans) for (const s of ss.spans) received.push({ ...s, service, attributes: attributesOf(s.attributes) });
  }
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.method === 'POST') collect(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
  process.env.OTEL_BSP_SCHEDULE_DELAY = '100';
  expect(await startTracing('talent-api', createLogger('silent'))).toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'tracing-tenants-'));
  writeFileSync(join(dir, 'tracy.yaml'), 'key: tracy\nname: Tracy\nlevel: city\nplugins:\n  sample-scheme: {}\n');
  h = await startHarness({ tenantsDirs: [dir] });
  await ensureBuilt();
}, 600_000);

afterAll(async () => {
  if (worker) {
    process.kill(worker.child.pid!, 'SIGTERM');
    await Promise.race([worker.exited, new Promise((r) => setTimeout(r, 20_000))]);
    worker.killGroup();
  }
  await h?.close();
  await stopTracing();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

const spansOf = (traceId: string) => received.filter((s) => s.traceId === traceId);
const sqlChildrenOf = (span: ReceivedSpan) => received.filter((s) => s.parentSpanId === span.spanId && s.attributes['db.system'] === 'postgresql');

describe('OpenTelemetry traces', () => {
  it('a mutation continues the caller’s trace, its statements are its children, and the reminder job it planned continues it in the worker process', { timeout: 240_000 }, async () => {
    const admin = await h.token('tracy', 'commission-admin');
    const unit = await createUnit(h, admin, 'Tracy Hospital');
    const t = await createTalent(h, admin, unit, PERSON);
    const programme = await createOpenProgramme(h, admin, 'T-1');
    const a = await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t });
    await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.submitApplication.id });
    const host = await createHost(h, admin, 'Host Tracy');
    // A placement whose first report fell due 15 days ago (real time): its reminders are due now, so the worker takes them at once.
    const today = dayInShanghai();
    const variables = { a: a.submitApplication.id, h: host, s: addDays(today, -120), e: addDays(today, -45) };
    const placed = await h.gql(
      admin,
      `mutation PlaceTalent($a: ID!, $h: ID!, $s: Date!, $e: Date!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: $s, plannedEnd: $e }) { reports { id reminders { id state } } } }`,
      variables,
      { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
    );
    expect(placed.body.errors, JSON.stringify(placed.body.errors)).toBeUndefined();

    // The request's span: the caller's trace and parent, named by operation, with type and tenant.
    const request = await waitUntil('the request span', 15_000, () => spansOf(TRACE_ID).find((s) => s.attributes['graphql.operation.name'] === 'PlaceTalent'));
    expect(request).toMatchObject({ service: 'talent-api', name: 'mutation PlaceTalent', parentSpanId: CALLER_SPAN, kind: 2 /* SERVER */ });
    expect(request.attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'tenant.key': 'tracy', 'http.response.status_code': 200 });
    expect(request.attributes['graphql.error.code']).toBeUndefined();
    // Its SQL statements, children of it: text without values.
    const statements = sqlChildrenOf(request);
    expect(statements.length).toBeGreaterThan(3);
    expect(statements.every((s) => s.traceId === TRACE_ID && s.kind === 3 /* CLIENT */)).toBe(true);
    expect(statements.map((s) => s.name)).toContain('INSERT');
    expect(statements.find((s) => s.name === 'INSERT')!.attributes['db.statement']).toMatch(/^insert into "t_tracy"\./);

    // The worker process: its instant's firing job continues the request's trace, a child of the request span.
    worker = run(process.execPath, ['dist/worker.js'], userEnv({
      DATABASE_URL: h.databaseUrl,
      REDIS_URL: h.redisUrl,
      QUEUE_PREFIX: h.app.jobs.prefix,
      LOG_LEVEL: 'warn',
      SWEEP_EVERY_MS: '3600000',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    }));
    let exited = false;
    void worker.exited.then(() => (exited = true));
    const job = await waitUntil('a reminder job span from the worker process', 120_000, () => {
      if (exited) throw new Error(`the worker exited:\n${worker!.output()}`);
      return spansOf(TRACE_ID).find((s) => s.attributes['messaging.destination.name'] === 'reminders' && s.kind === 5 /* CONSUMER */);
    });
    // Sent in the request (a PRODUCER span, child of the request span), processed in the worker (a CONSUMER span, child of the send).
    const send = spansOf(TRACE_ID).find((s) => s.spanId === job.parentSpanId);
    expect(send).toMatchObject({ service: 'talent-api', name: 'reminders send', parentSpanId: request.spanId, kind: 4 /* PRODUCER */ });
    expect(send!.attributes).toMatchObject({ 'messaging.system': 'bullmq', 'messaging.operation.type': 'send', 'messaging.destination.name': 'reminders', 'bullmq.job.name': 'fire' });
    expect(job).toMatchObject({ service: 'talent-worker', name: 'reminders fire', kind: 5 /* CONSUMER */ });
    expect(job.attributes).toMatchObject({ 'messaging.system': 'bullmq', 'bullmq.job.name': 'fire', 'tenant.key': 'tracy' });
    // What the job ran in SQL is in the same trace (the delivery batch runs in the job that started it).
    await waitUntil('SQL of the reminder jobs', 15_000, () => (spansOf(TRACE_ID).some((s) => s.service === 'talent-worker' && s.attributes['db.system'] === 'postgresql') ? true : undefined));

    // No personal data and no variables anywhere in what was exported.
    const exported = bodies.join('\n');
    for (const secret of [PERSON.name, PERSON.phone, PERSON.idCardNumber, variables.a, variables.h, variables.s, variables.e]) expect(exported).not.toContain(secret);
  });

  it('a query answered by graphql-jit has its own span and statements, and a bad traceparent starts a new trace', async () => {
    const admin = await h.token('tracy', 'commission-admin');
    const ok = await h.gql(admin, `query Units { institutions(first: 5) { nodes { id } } }`, {}, { traceparent: `00-${JIT_TRACE_ID}-${CALLER_SPAN}-01` });
    expect(ok.body.errors).toBeUndefined();
    const span = await waitUntil('the query span', 15_000, () => spansOf(JIT_TRACE_ID).find((s) => s.name === 'query Units'));
    expect(span.attributes).toMatchObject({ 'graphql.executor': 'graphql-jit', 'graphql.operation.type': 'query' });
    expect(sqlChildrenOf(span).length).toBeGreaterThan(0);

    const bad = await h.gql(admin, `query Broken { institutions(first: 5) { nodes { id } } }`, {}, { traceparent: 'not-a-trace' });
    expect(bad.status).toBe(200);
    const fresh = await waitUntil('the span of the request with a bad traceparent', 15_000, () => received.find((s) => s.name === 'query Broken'));
    expect(fresh.parentSpanId || undefined).toBeUndefined();
  });

  it('a request Apollo answers (a GET) has the same span, its statements its children', async () => {
    const admin = await h.token('tracy', 'commission-admin');
    const res = await h.http(admin, `/graphql?query=${encodeURIComponent('query ByGet { institutions(first: 5) { nodes { id } } }')}`, {
      headers: { 'apollo-require-preflight': 'true', traceparent: `00-${APOLLO_TRACE_ID}-${CALLER_SPAN}-01` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    const span = await waitUntil('the GET span', 15_000, () => spansOf(APOLLO_TRACE_ID).find((s) => s.name === 'query ByGet'));
    expect(span).toMatchObject({ parentSpanId: CALLER_SPAN });
    expect(span.attributes).toMatchObject({ 'graphql.executor': 'apollo', 'http.request.method': 'GET', 'tenant.key': 'tracy' });
    expect(sqlChildrenOf(span).length).toBeGreaterThan(0);
  });

  it('an error code is on the span, with no message', async () => {
    const admin = await h.token('tracy', 'commission-admin');
    await h.gql(admin, `query Missing($id: ID!) { talent(id: $id) { id } }`, { id: 'nope-13900007777' });
    const span = await waitUntil('the failing query span', 15_000, () => received.find((s) => s.name === 'query Missing'));
    expect(span.attributes['graphql.error.code']).toBe('BAD_USER_INPUT');
    expect(bodies.join('\n')).not.toContain('nope-13900007777');
  });
  it('a file endpoint beside /graphql has its span, named by method and first path segment only, its statements its children', async () => {
    const admin = await h.token('tracy', 'commission-admin');
    const FILE_TRACE_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const missing = '01900000-0000-7000-8000-0000000000ff';
    const res = await h.http(admin, `/files/${missing}`, { headers: { traceparent: `00-${FILE_TRACE_ID}-${CALLER_SPAN}-01` } });
    expect(res.status).toBe(404);
    const span = await waitUntil('the file endpoint span', 15_000, () => spansOf(FILE_TRACE_ID).find((s) => s.name === 'GET /files'));
    expect(span).toMatchObject({ parentSpanId: CALLER_SPAN, kind: 2 /* SERVER */ });
    expect(span.attributes).toMatchObject({ 'http.route': '/files', 'http.response.status_code': 404, 'error.code': 'NOT_FOUND' });
    expect(sqlChildrenOf(span).length).toBeGreaterThan(0);
    // The file's id (the rest of the path) is on no span.
    expect(JSON.stringify(spansOf(FILE_TRACE_ID).map((s) => [s.name, s.attributes]))).not.toContain(missing);
  });

  it('a job that puts itself back until later (DelayedError) is no failure on its span; a job that throws is', async () => {
    const job = (id: string) => ({ id, name: 'fire', data: { tenant: 'tracy' }, attemptsMade: 0 }) as unknown as Job;
    const later = traceProcessor('reminders', async () => {
      throw new DelayedError();
    });
    const broken = traceProcessor('reminders', async () => {
      throw new TypeError('boom');
    });
    await expect(later(job('delayed-job'))).rejects.toBeInstanceOf(DelayedError);
    await expect(broken(job('broken-job'))).rejects.toThrow('boom');
    const delayed = await waitUntil('the delayed job span', 15_000, () => received.find((s) => s.attributes['messaging.message.id'] === 'delayed-job'));
    const failed = await waitUntil('the failed job span', 15_000, () => received.find((s) => s.attributes['messaging.message.id'] === 'broken-job'));
    expect(delayed.attributes['bullmq.job.outcome']).toBe('delayed');
    expect(delayed.attributes['error.type']).toBeUndefined();
    expect(delayed.status?.code ?? 0).toBe(0);
    expect(failed.attributes['error.type']).toBe('TypeError');
    expect(failed.status?.code).toBe(2);
  });
});
