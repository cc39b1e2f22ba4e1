/**
 * `npm run explorer:screenshot -- [--url http://localhost:4000/graphql] [--tenant wenzhou] [--out docs/explorer.png]`
 *
 * Opens the explorer of a running server (`npm start`) in headless Chromium (Debian's
 * `chromium` package, /usr/bin/chromium, or CHROMIUM_PATH) with every request to another host
 * refused, as offline or behind the mainland firewall; pastes a development token, runs a query,
 * checks the schema loaded and the answer arrived, and saves a screenshot. Exit 1 names what
 * failed. Nothing is fetched from the internet.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { TokenService } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:4000/graphql' },
    tenant: { type: 'string', default: 'wenzhou' },
    out: { type: 'string', default: 'docs/explorer.png' },
  },
});
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`No Chromium at ${executablePath}: apt-get install chromium, or set CHROMIUM_PATH`);
  process.exit(1);
}
const config = loadConfig();
const tokens = new TokenService({ secret: config.jwtSecret, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
const token = await tokens.sign({ userId: 'explorer-check', tenant: values.tenant!, roles: ['commission-admin'] }, '10m');
const origin = new URL(values.url!).origin;

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const foreign: string[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  // Offline, as far as the page can tell: anything not from this server is refused and noted.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  await page.goto(values.url!, { waitUntil: 'load' });
  await page.fill('#token', token);
  await page.dispatchEvent('#token', 'change');
  await page.reload({ waitUntil: 'load' });
  // The query editor, then Run: GraphiQL's first request is the introspection query, with the token.
  await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 15_000 });
  // These functions run in the page (the project's TypeScript has no DOM types, hence globalThis).
  await page.evaluate((query) => {
    (globalThis as unknown as { document: { querySelector(s: string): { CodeMirror: { setValue(v: string): void } } } }).document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(query);
  }, '{\n  tenant { key name plugins { key } }\n  talents(first: 3) { totalCount nodes { name unit { name } } }\n}\n');
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(() => /"totalCount"/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('.graphiql-response')?.textContent ?? ''), undefined, { timeout: 15_000 });
  await page.click('[aria-label="Show Documentation Explorer"]').catch(() => undefined);
  await page.waitForSelector('.graphiql-doc-explorer', { timeout: 5_000 }).catch(() => undefined);
  await page.screenshot({ path: values.out! });
  const response = await page.textContent('.graphiql-response');
  console.log(JSON.stringify({ screenshot: values.out, foreignRequests: foreign, responseStartsWith: response?.replace(/\s+/g, ' ').slice(0, 120) }));
  if (foreign.length) {
    console.error(`the explorer asked for ${foreign.length} file(s) from other hosts: ${foreign.join(', ')}`);
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`explorer check failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
