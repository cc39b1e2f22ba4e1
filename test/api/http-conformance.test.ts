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
