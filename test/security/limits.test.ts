import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Abuse limits: each is configurable and answers with its own code, before any resolver runs.
 * This harness has deliberately small limits so the tests can reach them.
 */
let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness({ env: { MAX_QUERY_DEPTH: '4', MAX_ALIASES: '3', MAX_QUERY_COMPLEXITY: '400', MAX_QUERY_BYTES: '20000', MAX_QUERY_TOKENS: '1000', RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_SECONDS: '60' } });
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

/**
 * Documents built to make the server walk far more than they weigh (issue 12, item 4). Before the
 * fix the first one kept the server at 100% CPU for minutes, so a regression shows as a timeout;
 * what refusing costs is measured in the benchmarks, not here.
 */
describe('hostile documents', () => {
  const fresh = (n: string) => h.token('alpha', 'commission-admin', { userId: `hostile-${n}` });
  /** F0 selects __typename; each F<i> spreads F<i-1> twice, `how` says where. */
  const chain = (n: number, how: (prev: string) => string) => {
    let text = `fragment F0 on Query { __typename }\n`;
    for (let i = 1; i <= n; i++) text += `fragment F${i} on Query { ${how(`F${i - 1}`)} }\n`;
    return `query { ...F${n} }\n${text}`;
  };

  it('answers a chain of 30 fragments that each spread the previous twice (2^30 spreads expanded), walking each once', async () => {
    const t = await fresh('chain');
    const doc = chain(30, (p) => `...${p} ...${p}`);
    expect(doc.length).toBeLessThan(1300);
    const r = await h.gql(t, doc);
    expect(r.body).toEqual({ data: { __typename: 'Query' } });
    // The same through inline fragments, and through Apollo (a GET takes Apollo's path).
    const inline = await h.gql(t, chain(30, (p) => `... on Query { ...${p} } ... on Query { ...${p} }`));
    expect(inline.body).toEqual({ data: { __typename: 'Query' } });
    const viaGet = await fetch(`${h.url}/graphql?query=${encodeURIComponent(doc)}`, { headers: { authorization: `Bearer ${t}`, 'apollo-require-preflight': '1' } });
    expect(await viaGet.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('prices a fragment by what it selects wherever it is spread, as if written out', async () => {
    const t = await fresh('grow');
    // talents(first: 100) { nodes { id } } costs 1 + 100 × (1 + 1) = 201; so does institutions(...) { nodes { name } }; 40 talents cost 81.
    const viaFragments = `query { ...L3 } fragment L0 on Talent { id } fragment L1 on Institution { name } ` +
      `fragment L2 on Query { a: talents(first: 100) { nodes { ...L0 } } b: institutions(first: 100) { nodes { ...L1 } } } fragment L3 on Query { ...L2 c: talents(first: 40) { nodes { ...L0 } } }`;
    const writtenOut = `query { a: talents(first: 100) { nodes { id } } b: institutions(first: 100) { nodes { name } } c: talents(first: 40) { nodes { id } } }`;
    for (const doc of [viaFragments, writtenOut]) {
      const r = await h.gql(t, doc);
      expect(r.status).toBe(400);
      expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
      expect(r.body.errors?.[0]?.extensions?.cost).toBe(201 + 201 + 81);
    }
  });

  it('refuses a document over MAX_QUERY_BYTES unread, with QUERY_TOO_LARGE, and runs no SQL', async () => {
    const t = await fresh('bytes');
    const before = h.sqlCount();
    const huge = `{ ${'me { userId } '.repeat(20_000)} }`; // 300 KB
    const r = await h.gql(t, huge);
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('QUERY_TOO_LARGE');
    expect(r.body.errors?.[0]?.extensions?.max).toBe(20000);
    const again = await h.gql(t, huge);
    expect(codeOf(again)).toBe('QUERY_TOO_LARGE');
    const fragments = Array.from({ length: 6000 }, (_, i) => `fragment G${i} on Query { ...G${i + 1} }`).join(' ');
    expect(codeOf(await h.gql(t, `{ ...G0 } ${fragments} fragment G6000 on Query { __typename }`))).toBe('QUERY_TOO_LARGE');
    expect(h.sqlCount()).toBe(before);
  });

  it('refuses a document of more than MAX_QUERY_TOKENS tokens while parsing, with QUERY_TOO_MANY_TOKENS', async () => {
    const t = await fresh('tokens');
    const many = `{ me { ${'userId '.repeat(1200)} } }`; // 8 KB, 1,206 tokens
    expect(many.length).toBeLessThan(20000);
    const r = await h.gql(t, many);
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('QUERY_TOO_MANY_TOKENS');
    expect(r.body.errors?.[0]?.extensions?.max).toBe(1000);
    // Through Apollo's path too (a GET).
    const get = await fetch(`${h.url}/graphql?query=${encodeURIComponent(many)}`, { headers: { authorization: `Bearer ${t}`, 'apollo-require-preflight': '1' } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('QUERY_TOO_MANY_TOKENS');
    // Under the limit is an ordinary query (graphql-js meters the merging of repeated fields itself).
    const under = await h.gql(t, `{ ${'__typename '.repeat(700)} }`);
    expect(under.body, JSON.stringify(under.body)).toEqual({ data: { __typename: 'Query' } });
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

  it('suggests no names in production (item 9): fields, enum values, arguments, input fields', async () => {
    const t = await prod.token('alpha', 'commission-admin', { userId: 'suggest' });
    const probes = [
      `{ talentz { nodes { id } } }`,
      `{ talents(first: 1) { nodes { nam } } }`,
      `{ talents(frist: 1) { totalCount } }`,
      `mutation { createInstitution(input: { name: "x", kind: HOSPITL, dispatching: true, country: "CN", adminLevel: CITY }) { id } }`,
      `mutation { createInstitution(input: { nme: "x", kind: HOSPITAL, dispatching: true, country: "CN", adminLevel: CITY }) { id } }`,
    ];
    for (const q of probes) {
      const r = await prod.gql(t, q);
      expect(r.status).toBe(400);
      expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
      const text = JSON.stringify(r.body);
      expect(text).not.toMatch(/Did you mean/);
      expect(text).not.toMatch(/"talents"|\\"name\\"|\\"first\\"|HOSPITAL\b/);
    }
    // Variables that do not fit are refused the same way.
    const v = await prod.gql(t, `mutation($i: InstitutionInput!) { createInstitution(input: $i) { id } }`, { i: { nme: 'x', kind: 'HOSPITAL', dispatching: true, country: 'CN', adminLevel: 'CITY' } });
    expect(codeOf(v)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(v.body)).not.toMatch(/Did you mean/);
    // Outside production the suggestions help the developer.
    const dev = await h.gql(await h.token('alpha', 'viewer', { userId: 'suggest-dev' }), probes[0]!);
    expect(JSON.stringify(dev.body)).toMatch(/Did you mean/);
  });

  it('serves no landing page', async () => {
    const t = await prod.token('alpha', 'commission-admin');
    const page = await fetch(`${prod.url}/graphql`, { headers: { accept: 'text/html', authorization: `Bearer ${t}` } });
    expect(await page.text()).not.toContain('<html');
    const dev = await fetch(`${h.url}/graphql`, { headers: { accept: 'text/html', authorization: `Bearer ${await h.token('alpha', 'viewer', { userId: 'landing' })}` } });
    expect(await dev.text()).toContain('<html');
  });
});
