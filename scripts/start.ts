/**
 * `npm start`: find or start PostgreSQL and Redis, create and migrate every tenant in tenants/,
 * seed the demo tenants, and serve the API (PORT, default 4000). SIGTERM/SIGINT drain and stop.
 */
import { fileURLToPath } from 'node:url';
import { App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { appDatabaseUrl, ensureServices } from '../src/infra/services.js';
import { createLogger } from '../src/log.js';
import { TenantFileError } from '../src/tenancy/tenant-file.js';
import { plugins } from '../plugins/index.js';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const tenantsDir = fileURLToPath(new URL('../tenants', import.meta.url));

const services = await ensureServices({ log: (msg) => log.info(msg) });
let app: App | undefined;
try {
  app = await App.create({ config, plugins, databaseUrl: appDatabaseUrl(services.databaseUrl), redisUrl: services.redisUrl, log });
  const defs = await app.provisionFolder(tenantsDir);
  if (config.SEED_DEMO) {
    for (const def of defs.filter((d) => d.demo)) await app.seedDemo((await app.tenancy.get(def.key))!);
  }
  // Build each plugin set's schema now, so the first request does not pay for it.
  for (const t of await app.tenancy.list()) await app.schemas.get(app.host.enabled(t));
  if (config.WORKERS) await app.jobs.startWorkers();
  const url = await app.listen();
  log.info({ url: `${url}/graphql`, tenants: defs.map((d) => d.key) }, `serving ${url}/graphql — mint a token with: npm run token -- --tenant wenzhou --role commission-admin`);
} catch (e) {
  if (e instanceof TenantFileError) log.fatal(`tenant file rejected: ${e.message}`);
  else log.fatal({ err: e }, 'start-up failed');
  await app?.close(0).catch(() => undefined);
  await services.stop();
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining and stopping');
    await app!.close();
    await services.stop();
    process.exit(0);
  });
}
