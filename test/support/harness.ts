import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Logger } from 'pino';
import { inject } from 'vitest';
import { App } from '../../src/app.js';
import type { Role } from '../../src/auth/roles.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { AnySchemePlugin } from '../../src/plugin/contract.js';
import { plugins as registeredPlugins } from '../../plugins/index.js';
import { samplePlugin } from '../fixtures/sample-plugin/sample.plugin.js';
import { deleteKeys, dropDatabase, testDatabaseName, testQueuePrefix } from './leftovers.js';
import { trackOpen, untrackOpen } from './open-harnesses.js';

export const FIXTURE_TENANTS = fileURLToPath(new URL('../fixtures/tenants', import.meta.url));
export const REPO_TENANTS = fileURLToPath(new URL('../../tenants', import.meta.url));

export interface GqlResult<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[] };
}

/**
 * A real server for a test file: its own fresh PostgreSQL database, the real Redis, the app
 * listening on a free port, tenants provisioned from fixture files. Every SQL statement is
 * counted (`sqlCount`), so tests can assert a constant number of statements.
 */
export interface Harness {
  app: App;
  /** Send any request to the server with a bearer token (the file endpoints beside /graphql). */
  http(token: string | null, path: string, init?: RequestInit): Promise<Response>;
  redisUrl: string;
  url: string;
  databaseUrl: string;
  sqlCount(): number;
  /** The texts of the last 1,000 statements, oldest first. */
  recentSql(): string[];
  token(tenant: string, roles: Role | Role[], extra?: { unitId?: string; talentId?: string; userId?: string }): Promise<string>;
  gql<T = any>(token: string | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResult<T>>;
  /** As gql, but fails the test on any GraphQL error and returns data. */
  ok<T = any>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  plugins?: AnySchemePlugin[];
  tenantsDirs?: string[];
  seedDemo?: boolean;
  /** Run the job workers in this process (default: no; jobs only queue up). */
  workers?: boolean;
  jobLockMs?: number;
  /** Use another Redis than the run's shared one (tests that flush it). */
  redisUrl?: string;
  /** Let the app reach PostgreSQL through this host:port (a proxy a test can cut); the database is still created directly. */
  databaseVia?: string;
  /** Environment overrides for the app's configuration (limits, NODE_ENV…). */
  env?: Record<string, string>;
  /** The app's logger (tests that read what is logged). */
  log?: Logger;
  /** Connections in the app's pool (local default 10): 1 lets a test see the session state its requests leave. */
  poolMax?: number;
}

async function createDatabase(baseUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: baseUrl });
  admin.on('error', () => undefined); // a dropped connection; the awaited calls report failures
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const baseUrl = inject('databaseUrl');
  const runId = inject('runId');
  const redisUrl = opts.redisUrl ?? inject('redisUrl');
  // Each harness has its own queues (the braces keep it a Redis Cluster hash tag).
  const queuePrefix = testQueuePrefix(runId);
  const dbName = testDatabaseName(runId);
  const databaseUrl = await createDatabase(baseUrl, dbName);
  // Each harness keeps its files (attachments, imports) in a folder of its own, removed with it.
  const filesDir = mkdtempSync(join(tmpdir(), 'ts-files-'));
  let app: App | undefined;
  // Whatever happens once the database exists, this removes it and the queue keys, once.
  let closing: Promise<void> | undefined;
  const cleanUp = () =>
    (closing ??= (async () => {
      // The app first: its workers and schedulers write keys until they stop.
      await app?.close(1000).catch(() => undefined);
      await deleteKeys(redisUrl, `${queuePrefix}:*`).catch(() => undefined);
      await dropDatabase(baseUrl, dbName);
      rmSync(filesDir, { recursive: true, force: true });
    })());

  let statements = 0;
  const recent: string[] = [];
  let url: string;
  try {
    // Rate limiting stays on (the counters are real) but high: tests send many requests per token.
    // The sweep is called by the tests that need it, not every minute behind their backs.
    // A test's own proxy first; else the run's PgBouncer (TEST_PGBOUNCER=1), which, being 1.18 in
    // transaction pooling, cannot carry named prepared statements (README, "Behind PgBouncer").
    const runPgBouncer = opts.databaseVia ? undefined : inject('pgbouncer') || undefined;
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', RATE_LIMIT_MAX: '100000', SWEEP_EVERY_MS: '3600000', FILE_STORAGE_DIR: join(filesDir, 'files'), FILE_SPOOL_DIR: join(filesDir, 'spool'), ...(runPgBouncer ? { PREPARED_STATEMENTS: 'off' } : {}), ...opts.env } as NodeJS.ProcessEnv);
    let appDatabaseUrl = databaseUrl;
    const databaseVia = opts.databaseVia ?? runPgBouncer;
    if (databaseVia) {
      const via = new URL(databaseUrl);
      via.host = databaseVia;
      appDatabaseUrl = via.toString();
    }
    app = await App.create({
      config,
      plugins: opts.plugins ?? [...registeredPlugins, samplePlugin],
      databaseUrl: appDatabaseUrl,
      redisUrl,
      log: opts.log ?? createLogger(config.LOG_LEVEL),
      onQuery: (sql: string) => {
        statements++;
        recent.push(sql);
        if (recent.length > 1000) recent.shift();
      },
      queuePrefix,
      jobLockMs: opts.jobLockMs,
      poolMax: opts.poolMax,
    });
    for (const dir of opts.tenantsDirs ?? [FIXTURE_TENANTS]) {
      const defs = await app.provisionFolder(dir);
      if (opts.seedDemo) for (const d of defs.filter((x) => x.demo)) await app.seedDemo((await app.tenancy.get(d.key))!);
    }
    if (opts.workers) await app.jobs.startWorkers();
    url = await app.listen(0, '127.0.0.1');
  } catch (e) {
    await cleanUp().catch(() => undefined);
    // Names what was removed, so a failing set-up can be told apart from a leak.
    throw new Error(`harness set-up failed (database ${dbName} and queue prefix ${queuePrefix} removed): ${(e as Error).message}`, { cause: e });
  }
  const ready = app;

  const gql: Harness['gql'] = async (token, query, variables, headers = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResult['body'] };
  };

  const harness: Harness = {
    app: ready,
    http: (token, path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) } }),
    redisUrl,
    url,
    databaseUrl,
    sqlCount: () => statements,
    recentSql: () => [...recent],
    token: (tenant, roles, extra = {}) =>
      ready.tokens.sign({ tenant, roles: Array.isArray(roles) ? roles : [roles], userId: extra.userId ?? `user-${Array.isArray(roles) ? roles[0] : roles}`, unitId: extra.unitId ?? null, talentId: extra.talentId ?? null }),
    gql,
    async ok(token, query, variables) {
      const r = await gql(token, query, variables);
      if (r.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.body.errors, null, 2)}`);
      return r.body.data;
    },
    async close() {
      untrackOpen(harness);
      await cleanUp();
    },
  };
  trackOpen(harness);
  return harness;
}
