/**
 * `npm run worker`: the job workers without the API (reminder delivery, webhooks, the sweep and
 * the plugins' repeating jobs). Run as many as you like; run the API with WORKERS=0.
 * SIGTERM lets the jobs in hand finish, then stops.
 */
import { App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { appDatabaseUrl, ensureServices } from '../src/infra/services.js';
import { createLogger } from '../src/log.js';
import { plugins } from '../plugins/index.js';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const services = await ensureServices({ log: (m) => log.info(m) });
const app = await App.create({ config, plugins, databaseUrl: appDatabaseUrl(services.databaseUrl), redisUrl: services.redisUrl, log });
await app.jobs.startWorkers();
log.info({ prefix: app.jobs.prefix }, 'workers running');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker draining and stopping');
    await app.close();
    await services.stop();
    process.exit(0);
  });
}
