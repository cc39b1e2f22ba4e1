import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { startHarness, type Harness } from '../support/harness.js';
import { TcpProxy } from '../support/tcp-proxy.js';

/**
 * Faults, for real: each app reaches PostgreSQL or Redis through a proxy this test cuts and
 * restores. While a dependency is down the API keeps answering /healthz, /readyz names what is
 * down (503), GraphQL requests get a typed error rather than a hang, and everything recovers by
 * itself when the dependency comes back.
 */
async function until<T>(what: string, probe: () => Promise<T | undefined>, tries = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}
const readyz = async (h: Harness) => {
  const r = await fetch(`${h.url}/readyz`);
  return { status: r.status, body: (await r.json()) as { ok: boolean; database: string; redis: string } };
};
const codeOf = (r: { body: { errors?: { extensions?: Record<string, any> }[] } }) => r.body.errors?.[0]?.extensions?.code;

describe('PostgreSQL down and back', () => {
  let h: Harness;
  let proxy: TcpProxy;
  beforeAll(async () => {
    const pgUrl = new URL(inject('databaseUrl'));
    proxy = await new TcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) }).start();
    h = await startHarness({ databaseVia: proxy.address, env: { DB_CONNECT_TIMEOUT_MS: '1000' } });
  });
  afterAll(async () => {
    proxy.restore();
    await h?.close();
    await proxy?.stop();
  });

  it('keeps answering health checks, says the database is down, refuses GraphQL with SERVICE_UNAVAILABLE, and recovers', async () => {
    const admin = await h.token('alpha', 'commission-admin');
    await h.ok(admin, `mutation { createInstitution(input: { name: "Before", kind: HOSPITAL, country: "CN" }) { id } }`);
    expect((await readyz(h)).status).toBe(200);

    proxy.cut();
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const down = await readyz(h);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, redis: 'ok' });
    expect(down.body.database).toMatch(/^unreachable/);
    const read = await h.gql(admin, `{ talents { totalCount } }`);
    expect(codeOf(read)).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(read.body)).not.toMatch(/select|ECONN|stack/i);
    const write = await h.gql(admin, `mutation { createInstitution(input: { name: "During", kind: HOSPITAL, country: "CN" }) { id } }`);
    expect(codeOf(write)).toBe('SERVICE_UNAVAILABLE');

    proxy.restore();
    await until('the API to read again', async () => ((await h.gql(admin, `{ institutions { totalCount } }`)).body.data?.institutions.totalCount === 1 ? true : undefined));
    expect((await readyz(h)).status).toBe(200);
    // The write refused during the outage did not half-happen; a new one lands.
    await h.ok(admin, `mutation { createInstitution(input: { name: "After", kind: HOSPITAL, country: "CN" }) { id } }`);
    const names = (await h.ok(admin, `{ institutions { nodes { name } } }`)).institutions.nodes.map((n: any) => n.name);
    expect(names).toEqual(['Before', 'After']);
  });
});

describe('Redis down and back', () => {
  let h: Harness;
  let proxy: TcpProxy;
  let logged = '';
  beforeAll(async () => {
    const redisUrl = new URL(inject('redisUrl'));
    proxy = await new TcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }).start();
    const sink = new Writable({
      write(chunk, _e, done) {
        logged += chunk.toString();
        done();
      },
    });
    const via = new URL(inject('redisUrl'));
    via.host = proxy.address;
    h = await startHarness({ redisUrl: via.toString(), env: { RATE_LIMIT_MAX: '1000' }, log: createLogger('warn', sink) });
  });
  afterAll(async () => {
    proxy.restore();
    await h?.close();
    await proxy?.stop();
  });

  it('says Redis is down, keeps serving GraphQL with rate limiting failing open (and logged), and recovers', async () => {
    const admin = await h.token('alpha', 'commission-admin');
    const before = await h.gql(admin, `{ me { userId } }`);
    expect(before.headers.get('ratelimit-limit')).toBe('1000');

    proxy.cut('reset'); // clients see ECONNRESET/EPIPE, as when Redis dies
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const down = await until('readyz to see Redis down', async () => {
      const r = await readyz(h);
      return r.status === 503 ? r : undefined;
    });
    expect(down.body).toMatchObject({ ok: false, database: 'ok' });
    expect(down.body.redis).toMatch(/^unreachable/);
    // Reads and writes go on: PostgreSQL is the source of truth, the limiter lets requests through.
    const read = await h.gql(admin, `{ me { userId } }`);
    expect(read.status).toBe(200);
    expect(read.headers.get('ratelimit-limit')).toBeNull();
    await h.ok(admin, `mutation { createInstitution(input: { name: "While Redis is down", kind: HOSPITAL, country: "CN" }) { id } }`);
    expect(logged).toContain('rate limiter unavailable');

    proxy.restore();
    const back = await until('the rate limiter to count again', async () => {
      const r = await h.gql(admin, `{ me { userId } }`);
      return r.headers.get('ratelimit-limit') ? r : undefined;
    });
    expect(back.status).toBe(200);
    await until('readyz to see Redis again', async () => ((await readyz(h)).status === 200 ? true : undefined));
  });
});
