import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * The fast path (graphql-jit on node:http) must answer exactly as Apollo's rules say: input
 * defaults applied, the CSRF rule kept, bad input typed. Issue 12, items 5, 6 and 10.
 */
let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  token = await h.token('alpha', 'commission-admin');
});
afterAll(async () => h?.close());

describe('input-field defaults (item 6)', () => {
  const echo = `query($input: SampleEchoInput!) { sampleEcho(input: $input) { text pinned priority tags } }`;

  it('applies the defaults of omitted input fields given as a variable', async () => {
    const r = await h.gql(token, echo, { input: { text: 'hi' } });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.sampleEcho).toEqual({ text: 'hi', pinned: false, priority: 3, tags: ['general'] });
  });

  it('applies them to an inline literal too, and keeps what the client sent', async () => {
    const r = await h.gql(token, `{ sampleEcho(input: { text: "lit", priority: 9 }) { text pinned priority tags } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.sampleEcho).toEqual({ text: 'lit', pinned: false, priority: 9, tags: ['general'] });
    const sent = await h.gql(token, echo, { input: { text: 'x', pinned: true, priority: 1, tags: [] } });
    expect(sent.body.data.sampleEcho).toEqual({ text: 'x', pinned: true, priority: 1, tags: [] });
  });

  it('answers a variable of the wrong type as a bad request, not an internal error', async () => {
    const r = await h.gql(token, echo, { input: { text: 'x', priority: 'high' } });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe("Apollo's CSRF rule holds on every path (item 5)", () => {
  const mutation = JSON.stringify({ query: `mutation { createInstitution(input: { name: "Forged", kind: HOSPITAL, dispatching: true, country: "CN", adminLevel: CITY }) { id } }` });
  const post = (contentType: string, extra: Record<string, string> = {}) =>
    fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${token}`, ...extra }, body: mutation });
  const forged = async () => (await h.ok(token, `{ institutions(first: 50) { nodes { name } } }`)).institutions.nodes.filter((n: { name: string }) => n.name === 'Forged').length;

  it.each([
    'text/plain; charset=application/json',
    'text/plain;application/json',
    'application/x-www-form-urlencoded; a=application/json',
    'multipart/form-data; boundary=application/json',
  ])('refuses a simple request typed %s and writes nothing', async (contentType) => {
    const r = await post(contentType);
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/Cross-Site Request Forgery/);
    expect(await forged()).toBe(0);
  });

  it('does not treat a non-JSON body as JSON even with a preflight header', async () => {
    const r = await post('text/plain; charset=application/json', { 'apollo-require-preflight': '1' });
    expect(r.status).toBe(400);
    expect(await forged()).toBe(0);
  });

  it('runs the same mutation sent as application/json (any case, with parameters)', async () => {
    const r = await post('Application/JSON; charset=utf-8');
    expect(r.status).toBe(200);
    expect(await forged()).toBe(1);
  });
});

describe('bad input is typed, never an internal error (item 10)', () => {
  it('refuses a NUL character in any text input with BAD_USER_INPUT naming the field, on every path', async () => {
    const unit = (await h.ok(token, `mutation { createInstitution(input: { name: "NUL Hospital", kind: HOSPITAL, dispatching: true, country: "CN", adminLevel: CITY }) { id } }`)).createInstitution.id;
    const coordinator = await h.token('alpha', 'unit-coordinator', { unitId: unit, userId: 'nul-coordinator' });
    const q = `query($s: String) { talents(filter: { search: $s }) { totalCount } }`;
    for (const t of [token, coordinator]) {
      const r = await h.gql(t, q, { s: 'a\u0000b' });
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
      const literal = await h.gql(t, `{ talents(filter: { search: "a\\u0000b" }) { totalCount } }`);
      expect(literal.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    }
    // A mutation refused before it runs is a 400 on Apollo's path too (an accept header that only Apollo answers).
    const viaApollo = await h.gql(token, `mutation($i: InstitutionInput!) { createInstitution(input: $i) { id } }`, { i: { name: 'x\u0000', kind: 'HOSPITAL', dispatching: true, country: 'CN', adminLevel: 'CITY' } }, { accept: 'application/graphql-response+json' });
    expect(viaApollo.status).toBe(400);
    expect(viaApollo.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const write = await h.gql(token, `mutation($n: String!) { createInstitution(input: { name: $n, kind: HOSPITAL, dispatching: true, country: "CN", adminLevel: CITY }) { id } }`, { n: 'Bad\u0000Name' });
    expect(write.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect((await h.ok(token, `{ institutions(first: 50) { totalCount } }`)).institutions.totalCount).toBe(2);
  });

  it('answers an operationName the document does not define as a bad request (a plugin read the missing operation: a 500)', async () => {
    const r = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query Real { me { userId } }', operationName: 'Nope' }),
    });
    const body = (await r.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(r.status).toBe(400);
    expect(body.errors[0]!.extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(body.errors[0]!.message).toMatch(/Nope/);
  });

  it('answers a persisted query whose hash does not match its text as a bad request', async () => {
    const r = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { userId } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    });
    const body = (await r.json()) as { errors: { extensions: { code: string } }[] };
    expect(r.status).toBe(400);
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });
});
