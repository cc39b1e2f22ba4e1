import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryBytesOver } from '../../src/http/body.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * A document over MAX_QUERY_BYTES is refused while its body arrives (src/http/body.ts): before
 * the body is parsed as JSON, before the token is checked and before the rate limit is counted.
 */
describe('measuring the "query" member of a JSON body in place', () => {
  const member = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), fc.array(fc.jsonValue({ maxDepth: 2 })));
  const body = fc.record({
    query: fc.string({ unit: fc.constantFrom('a', ' ', '\n', '"', '\\', 'é', '中', '😀', '\t', '{', '}', '\u0001'), maxLength: 400 }),
    before: fc.dictionary(fc.constantFrom('variables', 'operationName', 'extensions', 'x'), member, { maxKeys: 3 }),
    after: fc.dictionary(fc.constantFrom('variables', 'operationName', 'extensions', 'y'), member, { maxKeys: 3 }),
    spaced: fc.boolean(),
    limit: fc.integer({ min: 0, max: 500 }),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  it('is exact on a whole body, and never claims more than a prefix proves', () => {
    fc.assert(
      fc.property(body, ({ query, before, after, spaced, limit, cut }) => {
        const value = { ...before, query, ...after };
        const text = JSON.stringify(value, null, spaced ? 2 : undefined);
        const buf = Buffer.from(text);
        const over = Buffer.byteLength(query) > limit;
        expect(queryBytesOver(buf, limit)).toBe(over);
        const prefix = queryBytesOver(buf.subarray(0, Math.floor(buf.length * cut)), limit);
        if (prefix !== undefined) expect(prefix).toBe(over);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves what it cannot read to the JSON parser', () => {
    for (const text of ['', '[]', '[{"query":"x"}]', '"query"', '{"\\u0071uery":"xx"}', '{"query":1}', '{"query"', '{"variables":{"a":[1,2', '{ "query" : "x" , }']) {
      expect(queryBytesOver(Buffer.from(text), 0), text).toBe(text === '{ "query" : "x" , }' ? true : undefined);
    }
    expect(queryBytesOver(Buffer.from('{"operationName":null,"variables":{"q":"}{\\"query\\":\\"'), 3)).toBeUndefined();
  });
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MAX_QUERY_BYTES: '20000', RATE_LIMIT_MAX: '1000', RATE_LIMIT_WINDOW_SECONDS: '60' } });
});
afterAll(async () => h?.close());

/** POST /graphql with a raw body, through node:http (a 300 KB body written while the answer may already come). */
function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: { data?: any; errors?: { extensions?: Record<string, any> }[] } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('POST /graphql with a document over MAX_QUERY_BYTES', () => {
  const huge = `{ ${'me { userId } '.repeat(20_000)} }`; // 300 KB

  it('is refused with QUERY_TOO_LARGE before the token is looked at', async () => {
    const r = await post(JSON.stringify({ query: huge }));
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', max: 20000 });
    const forged = await post(JSON.stringify({ query: huge }), { authorization: 'Bearer not-a-token' });
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
  });

  it('counts nothing against the rate limit, wherever the query sits in the body', async () => {
    const token = await h.token('alpha', 'viewer', { userId: 'huge-document-sender' });
    const variables = { pad: 'x'.repeat(50_000), list: [{ '"query"': '{' }] };
    for (const body of [{ query: huge }, { operationName: null, variables, query: huge }, { variables, query: `${'\n'.repeat(15_000)}${huge}` }]) {
      const r = await post(JSON.stringify(body), { authorization: `Bearer ${token}` });
      expect(r.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
    }
    expect(await h.app.redis.keys(`${h.app.jobs.prefix}:rl:alpha:huge-document-sender:*`)).toEqual([]);
    // The same connection-less client is then served as usual.
    const ok = await post(JSON.stringify({ query: '{ me { userId } }' }), { authorization: `Bearer ${token}` });
    expect(ok.body).toEqual({ data: { me: { userId: 'huge-document-sender' } } });
  });

  it('still serves a large body whose document is within the limit (variables, escapes, Chinese)', async () => {
    const token = await h.token('alpha', 'viewer', { userId: 'large-body' });
    // 19,000 escaped newlines are 38,000 bytes of JSON but 19,000 bytes of document; each 中 is 3 bytes.
    const query = `${'\n'.repeat(19_000)}{ me { userId } } # ${'中'.repeat(300)}`;
    expect(Buffer.byteLength(query)).toBeLessThan(20_000);
    const r = await post(JSON.stringify({ variables: { pad: 'y'.repeat(200_000) }, query }), { authorization: `Bearer ${token}` });
    expect(r.body).toEqual({ data: { me: { userId: 'large-body' } } });
  });
});
