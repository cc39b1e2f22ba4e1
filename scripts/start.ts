/**
 * `npm start`: check the port is free, find or start PostgreSQL and Redis, listen (PORT, default
 * 4000: GET /healthz answers from here), then create and migrate every tenant in tenants/, seed
 * the demo tenants and build the GraphQL schemas while API requests wait, and serve the API.
 *
 * Stopping: SIGTERM or SIGINT to npm or to this process (npm's own child: the script execs node,
 * no shell or tsx in between), or npm going away, drains and stops, and the process is gone within
 * SHUTDOWN_TIMEOUT_MS whatever happens (src/infra/lifecycle.ts). The PostgreSQL and redis-server
 * it started stop with it, even when it is killed (src/infra/children.ts).
 */
import { join } from 'node:path';
import { App } from '../src/app.js';
import { loadConfig, type AppConfig } from '../src/config.js';
import { stopOnSignals, startedByNpm } from '../src/infra/lifecycle.js';
import { PortUnavailableError, assertPortFree, portError } from '../src/infra/port.js';
import { appDatabaseUrl, ensureServices, type Services } from '../src/infra/services.js';
import { projectRoot } from '../src/infra/project-root.js';
import { createLogger } from '../src/log.js';
import { startTracing, stopTracing } from '../src/telemetry/tracing.js';
import { TenantFileError } from '../src/tenancy/tenant-file.js';
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
await startTracing('talent-api', log);
/** ensureServices' errors say what to do; their stack adds nothing. */
class ServicesError extends Error {}
const tenantsDir = join(projectRoot(), 'tenants');

// Before anything starts: a taken port used to fail only after seeding, with a stack trace.
try {
  await assertPortFree(config.PORT, config.HOST);
} catch (e) {
  log.fatal((e as Error).message);
  process.exit(1);
}

let services: Services | undefined;
let app: App | undefined;
const stopping = stopOnSignals({
  log,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  watchParent: startedByNpm('start'),
  stop: async (drainMs) => {
    await app?.close(drainMs);
    // The last spans are exported while the services it started stop.
    await Promise.all([stopTracing(), services?.stop()]);
  },
});

const phases: Record<string, number> = {};
let phaseStart = 0; // performance.now() counts from the process's start: "load" is reading and compiling the bundle
/** How long each start-up step took (ms), for the 'serving' line: what to look at when start-up is slow. */
const phase = (name: string) => {
  const now = performance.now();
  phases[name] = Math.round(now - phaseStart);
  phaseStart = now;
};
try {
  phase('load');
  services = await ensureServices({ log: (msg) => log.info(msg) }).catch((e: Error) => {
    throw new ServicesError(e.message);
  });
  phase('services');
  app = await App.create({ config, plugins, databaseUrl: appDatabaseUrl(services.databaseUrl), redisUrl: services.redisUrl, log });
  phase('app');
  // Listen first: GET /healthz answers while the rest of start-up runs (on an existing database
  // mostly checks: migrations, demo seeds, building the GraphQL schemas). API requests wait for
  // it and /readyz says `starting` meanwhile (App.startingUp).
  const url = await app.listen().catch(async (e: NodeJS.ErrnoException) => {
    throw await portError(e, config.PORT, config.HOST);
  });
  phase('listen');
  const started = app;
  const startup = (async () => {
    const defs = await started.provisionFolder(tenantsDir);
    phase('provision');
    if (config.SEED_DEMO) {
      for (const def of defs.filter((d) => d.demo)) await started.seedDemo((await started.tenancy.get(def.key))!);
    }
    phase('seed');
    // Build each plugin set's schema now, so the first request does not pay for it.
    for (const t of await started.tenancy.list()) await started.schemas.get(started.host.enabled(t));
    phase('schemas');
    return defs;
  })();
  app.startingUp(startup);
  const defs = await startup;
  if (config.WORKERS) await app.jobs.startWorkers();
  phase('workers');
  log.info({ url: `${url}/graphql`, startupMs: phases, tenants: defs.map((d) => d.key) }, `serving ${url}/graphql — mint a token with: npm run token -- --tenant wenzhou --role commission-admin`);
} catch (e) {
  // A signal during start-up makes the steps above fail; the stop it began finishes the job.
  if (!stopping()) {
    if (e instanceof TenantFileError) log.fatal(`tenant file rejected: ${e.message}`);
    else if (e instanceof PortUnavailableError || e instanceof ServicesError) log.fatal(e.message);
    else log.fatal({ err: e }, 'start-up failed');
    setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS).unref(); // closing is bounded here too
    await app?.close(0).catch(() => undefined);
    await services?.stop().catch(() => undefined);
    process.exit(1);
  }
}
