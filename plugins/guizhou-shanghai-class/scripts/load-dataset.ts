/**
 * Load a Guizhou data set into a tenant (default: the published figures of June 2022 into `guizhou`):
 *
 *   npx tsx plugins/guizhou-shanghai-class/scripts/load-dataset.ts [--tenant guizhou] [--file path.json]
 *
 * The tenant must exist (`npm run tenant:create -- tenants/guizhou.yaml`). Re-running is a no-op
 * for cohorts already loaded. This command line boots the platform like the repository's own
 * scripts do; the loading itself (`dataset.ts`) uses only the core's public module.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { ensureServices } from '../../../src/infra/services.js';
import { createLogger } from '../../../src/log.js';
import { plugins } from '../../index.js';
import type { GuizhouConfig } from '../config.js';
import { FIGURES_2022_06, loadDataset, readDataset } from './dataset.js';

const { values } = parseArgs({ options: { tenant: { type: 'string', default: 'guizhou' }, file: { type: 'string' } } });
const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const services = await ensureServices({ log: (m) => log.info(m) });
const app = await App.create({ config, plugins, databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, log });
try {
  const tenant = await app.tenancy.get(values.tenant!);
  if (!tenant) throw new Error(`no tenant "${values.tenant}"; create it first with npm run tenant:create`);
  if (!tenant.plugins.includes('guizhou-shanghai-class')) throw new Error(`tenant ${tenant.key} does not enable guizhou-shanghai-class`);
  const dataset = readDataset(values.file ? resolve(values.file) : FIGURES_2022_06);
  const summary = await loadDataset(await app.pluginContext<GuizhouConfig>('guizhou-shanghai-class', tenant), dataset);
  console.log(`${dataset.name}: ${JSON.stringify(summary)}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await app.close(0);
  await services.stop();
}
