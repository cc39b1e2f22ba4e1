import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * `GET /graphql` from a browser: GraphiQL from this server's own files, nothing from another host
 * (issue 17: Apollo Sandbox cannot load in mainland China or offline).
 */
let dev: Harness;
let prod: Harness;
const PROD_ENV = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
beforeAll(async () => {
  dev = await startHarness();
  prod = await startHarness({ env: PROD_ENV });
});
afterAll(async () => {
  await dev?.close();
  await prod?.close();
});

const page = (h: Harness) => fetch(`${h.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });

describe('the explorer', () => {
  it('serves GraphiQL whose every script and style comes from this server', async () => {
    const r = await page(dev);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await r.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(['/graphql/explorer/graphiql.css', '/graphql/explorer/react.js', '/graphql/explorer/react-dom.js', '/graphql/explorer/graphiql.js', '/graphql/explorer/start.js']);
    for (const path of assets) {
      const a = await fetch(`${dev.url}${path}`);
      expect(a.status, path).toBe(200);
      expect(a.headers.get('content-type')).toMatch(path.endsWith('.css') ? /text\/css/ : /text\/javascript/);
      expect((await a.text()).length).toBeGreaterThan(path.endsWith('start.js') ? 200 : 10_000);
    }
    expect(await (await fetch(`${dev.url}/graphql/explorer/graphiql.js`)).text()).toContain('GraphiQL');
    expect((await fetch(`${dev.url}/graphql/explorer/..%2Fpackage.json`)).status).toBe(404);
  });

  it('leaves API clients alone: a GET without text/html and every POST are GraphQL requests', async () => {
    const token = await dev.token('alpha', 'viewer');
    const get = await fetch(`${dev.url}/graphql?query=${encodeURIComponent('{ me { userId } }')}`, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': '1' } });
    expect(await get.json()).toEqual({ data: { me: { userId: 'user-viewer' } } });
  });

  it('is off in production unless EXPLORER=on', async () => {
    const r = await page(prod);
    expect(await r.text()).not.toContain('GraphiQL');
    expect((await fetch(`${prod.url}/graphql/explorer/graphiql.js`)).status).not.toBe(200);
  });
});
