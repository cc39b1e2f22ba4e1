import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Abuse limits: each is configurable and answers with its own code, before any resolver runs.
 * This harness has deliberately small limits so the tests can reach them.
 */
let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness({ env: { MAX_QUERY_DEPTH: '4', MAX_ALIASES: '3', MAX_QUERY_COMPLEXITY: '400', RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_SECONDS: '60' } });
  token = await h.token('alpha', 'commission-admin');
});
afterAll(async () => h?.close());

const codeOf = (r: { body: { errors?: { extensions?: Record<string, any> }[] } }) => r.body.errors?.[0]?.extensions?.code;

describe('query shape limits', () => {
  // Each test uses its own token subject: the rate limit (5 a minute here) is per token.
  const fresh = (n: string) => h.token('alpha', 'commission-admin', { userId: `shape-${n}` });

  it('refuses a query nested deeper than MAX_QUERY_DEPTH with QUERY_TOO_DEEP, and runs no SQL', async () => {
    const t = await fresh('depth');
    const ok = await h.gql(t, `{ talents { nodes { unit { name } } } }`); // depth 4
    expect(ok.body.errors).toBeUndefined();
    const before = h.sqlCount();
    const r = await h.gql(t, `{ talents { nodes { unit { talents: __typename name } applications { id } placements { hostInstitution { name } } } } }`);
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('QUERY_TOO_DEEP');
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ depth: 5, max: 4 });
    expect(r.body.data).toBeUndefined();
    expect(h.sqlCount()).toBe(before);
  });

  it('counts depth through fragments', async () => {
    const r = await h.gql(await fresh('frag'), `fragment U on Institution { name } fragment P on Placement { hostInstitution { ...U } } { talents { nodes { placements { ...P } } } }`);
    expect(codeOf(r)).toBe('QUERY_TOO_DEEP');
  });

  it('refuses more aliases than MAX_ALIASES with TOO_MANY_ALIASES', async () => {
    const t = await fresh('alias');
    const ok = await h.gql(t, `{ a: me { userId } b: me { userId } c: me { userId } }`);
    expect(ok.body.errors).toBeUndefined();
    const r = await h.gql(t, `{ a: me { userId } b: me { userId } c: me { userId } d: me { userId } }`);
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('TOO_MANY_ALIASES');
  });

  it('refuses an estimated cost over MAX_QUERY_COMPLEXITY with QUERY_TOO_COMPLEX; page size counts', async () => {
    const t = await fresh('cost');
    const q = `query($n: Int) { talents(first: $n) { nodes { id name birthDate department version unit { name country } } } }`;
    const small = await h.gql(t, q, { n: 10 });
    expect(small.body.errors).toBeUndefined();
    const big = await h.gql(t, q, { n: 500 });
    expect(big.status).toBe(400);
    expect(codeOf(big)).toBe('QUERY_TOO_COMPLEX');
    expect(big.body.errors?.[0]?.extensions?.cost).toBeGreaterThan(400);
    // The cost is remembered per document and page size, not per document: the small page still passes, the big one still fails.
    expect((await h.gql(t, q, { n: 10 })).body.errors).toBeUndefined();
    expect(codeOf(await h.gql(t, q, { n: 500 }))).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('per-token rate limit', () => {
  it('counts requests per token in Redis, sends the standard headers, and answers 429 RATE_LIMITED with Retry-After', async () => {
    const t = await h.token('alpha', 'viewer', { userId: 'rate-limited-user' });
    const seen: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.gql(t, `{ me { userId } }`);
      expect(r.status).toBe(200);
      expect(r.headers.get('ratelimit-limit')).toBe('5');
      seen.push(r.headers.get('ratelimit-remaining'));
      expect(Number(r.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    }
    expect(seen).toEqual(['4', '3', '2', '1', '0']);
    const refused = await h.gql(t, `{ me { userId } }`);
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.body.data).toBeUndefined();
    // Another token of the same tenant, and the same subject in another tenant, have their own budget.
    const other = await h.gql(await h.token('alpha', 'viewer', { userId: 'someone-else' }), `{ me { userId } }`);
    expect(other.status).toBe(200);
    const otherTenant = await h.gql(await h.token('beta', 'viewer', { userId: 'rate-limited-user' }), `{ me { userId } }`);
    expect(otherTenant.status).toBe(200);
    // The counter lives in Redis (shared by every API process), under the deployment's prefix.
    const keys = await h.app.redis.keys(`${h.app.jobs.prefix}:rl:alpha:rate-limited-user:*`);
    expect(keys).toHaveLength(1);
    expect(Number(await h.app.redis.get(keys[0]!))).toBe(6);
  });
});

describe('production mode', () => {
  let prod: Harness;
  beforeAll(async () => {
    prod = await startHarness({ env: { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') } });
  });
  afterAll(async () => prod?.close());

  it('turns introspection off (INTROSPECTION_DISABLED) while ordinary queries work', async () => {
    const t = await prod.token('alpha', 'commission-admin');
    const r = await prod.gql(t, `{ __schema { types { name } } }`);
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('INTROSPECTION_DISABLED');
    expect(JSON.stringify(r.body)).not.toContain('Talent');
    const typeQ = await prod.gql(t, `{ __type(name: "Talent") { fields { name } } }`);
    expect(codeOf(typeQ)).toBe('INTROSPECTION_DISABLED');
    expect((await prod.ok(t, `{ me { userId } }`)).me.userId).toBe('user-commission-admin');
    // The same query is allowed outside production (tools read the schema there).
    expect((await h.gql(await h.token('alpha', 'viewer', { userId: 'introspect' }), `{ __type(name: "Talent") { name } }`)).body.data).toEqual({ __type: { name: 'Talent' } });
  });

  it('serves no landing page', async () => {
    const t = await prod.token('alpha', 'commission-admin');
    const page = await fetch(`${prod.url}/graphql`, { headers: { accept: 'text/html', authorization: `Bearer ${t}` } });
    expect(await page.text()).not.toContain('<html');
    const dev = await fetch(`${h.url}/graphql`, { headers: { accept: 'text/html', authorization: `Bearer ${await h.token('alpha', 'viewer', { userId: 'landing' })}` } });
    expect(await dev.text()).toContain('<html');
  });
});
