import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('operations endpoints', () => {
  it('GET /healthz answers while the process is up', async () => {
    const r = await fetch(`${h.url}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz checks the database and Redis', async () => {
    const r = await fetch(`${h.url}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true, database: 'ok', redis: 'ok' });
  });

  it('refuses a request body over the limit with 413', async () => {
    const token = await h.token('alpha', 'viewer');
    const big = 'x'.repeat(h.app.config.MAX_BODY_BYTES + 10);
    const r = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ me { userId } }`, big }) });
    expect(r.status).toBe(413);
    expect(((await r.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown paths with 404 and a hint, and echoes a request id', async () => {
    const r = await fetch(`${h.url}/nope`, { headers: { 'x-request-id': 'req-123' } });
    expect(r.status).toBe(404);
    expect(r.headers.get('x-request-id')).toBe('req-123');
  });

  it('refuses malformed JSON with a typed error', async () => {
    const token = await h.token('alpha', 'viewer');
    const r = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"query": ' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    const other = await startHarness();
    const token = await other.token('alpha', 'viewer');
    const body = JSON.stringify({ query: '{ me { userId } }' });
    // Send the headers now and the body later, so the request is in flight when shutdown starts.
    const req = request(`${other.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    req.flushHeaders();
    while (other.app.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    const closing = other.close();
    req.end(body);
    const result = await response;
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ data: { me: { userId: 'user-viewer' } } });
    await closing;
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
  });
});

describe('the queue dashboard', () => {
  it('is for platform admins only (a token of the platform, not of a tenant), and shows job counts in /readyz?detail', async () => {
    const none = await fetch(`${h.url}/admin/queues`);
    expect(none.status).toBe(401);
    const commission = await fetch(`${h.url}/admin/queues`, { headers: { authorization: `Bearer ${await h.token('alpha', 'commission-admin')}` } });
    expect(commission.status).toBe(403);
    // A tenant's token claiming the platform-admin role is no token at all (issue 12, item 8).
    const tenantAdmin = await h.token('alpha', 'platform-admin');
    for (const path of ['/admin/queues/api/queues', '/graphql']) {
      const r = await fetch(`${h.url}${path}`, { method: path === '/graphql' ? 'POST' : 'GET', headers: { authorization: `Bearer ${tenantAdmin}`, 'content-type': 'application/json' }, body: path === '/graphql' ? JSON.stringify({ query: '{ me { userId } }' }) : undefined });
      expect(r.status).toBe(401);
    }
    const admin = await h.token('platform', 'platform-admin');
    // The platform's token reads no tenant's data.
    const gql = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { userId } }' }) });
    expect(gql.status).toBe(403);
    // A token in the URL is refused (proxies and history keep URLs); a browser gets a form that POSTs it.
    expect((await fetch(`${h.url}/admin/queues?token=${admin}`)).status).toBe(400);
    const form = await fetch(`${h.url}/admin/queues`, { headers: { accept: 'text/html' } });
    expect(await form.text()).toContain('method="post"');
    const login = await fetch(`${h.url}/admin/queues/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: admin }).toString() });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    expect(Number(cookie.match(/Max-Age=(\d+)/)![1])).toBeLessThanOrEqual(12 * 3600);
    const page = await fetch(`${h.url}/admin/queues`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    const dashboard = await page.text();
    expect(dashboard).toContain('<html');
    expect(dashboard).toContain('zh-CN'); // Chinese first
    const badLogin = await fetch(`${h.url}/admin/queues/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: await h.token('alpha', 'commission-admin') }).toString() });
    expect(badLogin.status).toBe(403);
    expect(badLogin.headers.get('set-cookie')).toBeNull();
    const api = await fetch(`${h.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${admin}` } });
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['notifications', 'reminders', 'scheduled', 'webhooks']); // notifications: email and group robots (src/notify)
    const ready = (await (await fetch(`${h.url}/readyz?detail`)).json()) as any;
    expect(Object.keys(ready.queues).sort()).toEqual(['notifications', 'reminders', 'scheduled', 'webhooks']);
    expect(ready.queues.reminders).toMatchObject({ waiting: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) });
  });
});
