/**
 * `npm run tenant:create -- tenants/<key>.yaml [--seed]`: validate one tenant file, then create
 * and migrate its schema (core + enabled plugins) and store its initial plugin configuration.
 * Re-running it applies new migrations and is otherwise a no-op. A malformed file is refused
 * with the file and field named, before anything is written.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { App } from '../src/app.js';
import { Clock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { appDatabaseUrl, ensureServices } from '../src/infra/services.js';
import { createLogger } from '../src/log.js';
import { PluginHost } from '../src/plugin/host.js';
import { readTenantFile, TenantFileError } from '../src/tenancy/tenant-file.js';
import { plugins } from '../plugins/index.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { seed: { type: 'boolean', default: false } } });
if (positionals.length !== 1) {
  console.error('usage: npm run tenant:create -- tenants/<key>.yaml [--seed]');
  process.exit(2);
}
const file = resolve(positionals[0]!);
let def;
try {
  def = readTenantFile(file, new PluginHost(plugins, new Clock(), pino({ level: 'silent' })));
} catch (e) {
  console.error(e instanceof TenantFileError ? `rejected: ${e.message}` : e);
  process.exit(1);
}
const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const services = await ensureServices({ log: (m) => log.info(m) });
const app = await App.create({ config, plugins, databaseUrl: appDatabaseUrl(services.databaseUrl), redisUrl: services.redisUrl, log });
try {
  if (def.parent && !(await app.tenancy.get(def.parent))) throw new TenantFileError(def.file, 'parent', `no tenant "${def.parent}" exists yet; create it first`);
  const tenant = await app.tenancy.provision(def);
  if (values.seed) await app.seedDemo(tenant);
  await app.jobs.registerPluginSchedules();
  console.log(`tenant ${tenant.key} ready in schema ${tenant.schema} with plugins: ${tenant.plugins.join(', ') || 'none'}`);
} catch (e) {
  console.error(e instanceof TenantFileError ? `rejected: ${e.message}` : e);
  process.exitCode = 1;
} finally {
  await app.close(0);
  await services.stop();
}
