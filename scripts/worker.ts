/**
 * `npm run worker`: the job workers without the API (reminder delivery, webhooks, the sweep and
 * the plugins' repeating jobs). Run as many as you like; run the API with WORKERS=0.
 * SIGTERM or SIGINT (to npm or to this process) lets the jobs in hand finish, then stops, within
 * SHUTDOWN_TIMEOUT_MS (src/infra/lifecycle.ts).
 */
import { App } from '../src/app.js';
import { loadConfig, type AppConfig } from '../src/config.js';
import { stopOnSignals, startedByNpm } from '../src/infra/lifecycle.js';
import { appDatabaseUrl, ensureServices, type Services } from '../src/infra/services.js';
import { createLogger } from '../src/log.js';
import { startTracing, stopTracing } from '../src/telemetry/tracing.js';
import { plugins } from '../plugins/index.js';

let config: AppConfig;
try {
  config = loadConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const log = createLogger(config.LOG_LEVEL);
// OpenTelemetry traces when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_TRACES_EXPORTER=otlp) is set; before the App builds its pool and queues.
await startTracing('talent-worker', log);

let services: Services | undefined;
let app: App | undefined;
const stopping = stopOnSignals({
  log,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  watchParent: startedByNpm('worker'),
  stop: async () => {
    await app?.close();
    // The last spans are exported while the services it started stop.
    await Promise.all([stopTracing(), services?.stop()]);
  },
});

try {
  services = await ensureServices({ log: (m) => log.info(m) });
  app = await App.create({ config, plugins, databaseUrl: appDatabaseUrl(services.databaseUrl), redisUrl: services.redisUrl, log });
  await app.jobs.startWorkers();
  log.info({ prefix: app.jobs.prefix }, 'workers running');
} catch (e) {
  if (!stopping()) {
    log.fatal({ err: e }, 'worker start-up failed');
    setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS).unref(); // closing is bounded here too
    await app?.close(0).catch(() => undefined);
    await services?.stop().catch(() => undefined);
    process.exit(1);
  }
}
