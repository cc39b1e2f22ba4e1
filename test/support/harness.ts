import { randomBytes } from 'node:crypto';
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
  redisUrl: string;
  url: string;
  databaseUrl: string;
  sqlCount(): number;
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
}

async function createDatabase(baseUrl: string): Promise<string> {
  const name = `ts_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const baseUrl = inject('databaseUrl');
  const databaseUrl = await createDatabase(baseUrl);
  let statements = 0;
  // Rate limiting stays on (the counters are real) but high: tests send many requests per token.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', RATE_LIMIT_MAX: '100000', ...opts.env } as NodeJS.ProcessEnv);
  let appDatabaseUrl = databaseUrl;
  if (opts.databaseVia) {
    const via = new URL(databaseUrl);
    via.host = opts.databaseVia;
    appDatabaseUrl = via.toString();
  }
  const app = await App.create({
    config,
    plugins: opts.plugins ?? [...registeredPlugins, samplePlugin],
    databaseUrl: appDatabaseUrl,
    redisUrl: opts.redisUrl ?? inject('redisUrl'),
    log: opts.log ?? createLogger(config.LOG_LEVEL),
    onQuery: () => {
      statements++;
    },
    // Each harness has its own queues (the braces keep it a Redis Cluster hash tag).
    queuePrefix: `{test-${randomBytes(4).toString('hex')}}`,
    jobLockMs: opts.jobLockMs,
  });
  for (const dir of opts.tenantsDirs ?? [FIXTURE_TENANTS]) {
    const defs = await app.provisionFolder(dir);
    if (opts.seedDemo) for (const d of defs.filter((x) => x.demo)) await app.seedDemo((await app.tenancy.get(d.key))!);
  }
  if (opts.workers) await app.jobs.startWorkers({ sweepEveryMs: 3_600_000 });
  const url = await app.listen(0, '127.0.0.1');

  const gql: Harness['gql'] = async (token, query, variables, headers = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResult['body'] };
  };

  return {
    app,
    redisUrl: opts.redisUrl ?? inject('redisUrl'),
    url,
    databaseUrl,
    sqlCount: () => statements,
    token: (tenant, roles, extra = {}) =>
      app.tokens.sign({ tenant, roles: Array.isArray(roles) ? roles : [roles], userId: extra.userId ?? `user-${Array.isArray(roles) ? roles[0] : roles}`, unitId: extra.unitId ?? null, talentId: extra.talentId ?? null }),
    gql,
    async ok(token, query, variables) {
      const r = await gql(token, query, variables);
      if (r.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.body.errors, null, 2)}`);
      return r.body.data;
    },
    async close() {
      const prefix = app.jobs.prefix;
      const redis = app.redis;
      const keys = await redis.keys(`${prefix}:*`).catch(() => [] as string[]);
      if (keys.length) await redis.del(...keys).catch(() => undefined);
      await app.close(1000);
      await dropDatabase(baseUrl, new URL(databaseUrl).pathname.slice(1));
    },
  };
}
