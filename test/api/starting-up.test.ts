import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * `npm start` listens before it provisions, seeds and builds the schemas (App.startingUp):
 * GET /healthz answers at once, /readyz says `starting`, and API requests wait for the start-up
 * instead of meeting a tenant half-migrated.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('while start-up is still running', () => {
  it('answers /healthz, holds /readyz at 503 starting, and lets API requests wait for the end', async () => {
    let finish!: () => void;
    h.app.startingUp(new Promise<void>((resolve) => (finish = resolve)));
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ok: false, starting: true, database: 'ok', redis: 'ok' });

    const token = await h.token('alpha', 'viewer', { userId: 'early-bird' });
    let answered = false;
    const request = h.gql(token, '{ me { userId } }').then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    finish();
    expect((await request).body).toEqual({ data: { me: { userId: 'early-bird' } } });
    const after = await fetch(`${h.url}/readyz`);
    expect(after.status).toBe(200);
    expect(await after.json()).not.toHaveProperty('starting');
  });
});
