/**
 * `npm run audit:verify -- --tenant wenzhou` (or `--all`): walk a tenant's hash-chained audit
 * trail and report the first edited, inserted or deleted entry. Exit code 0 when the chain is
 * intact, 1 when it is broken, 2 on a usage or connection error. Uses DATABASE_URL, else the
 * same local/embedded servers as `npm start`.
 */
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { verifyAuditChain } from '../src/core/audit-chain.js';
import { appDatabaseUrl, ensureServices } from '../src/infra/services.js';
import { PLATFORM_SCHEMA } from '../src/tenancy/tenancy.service.js';

const { values } = parseArgs({ options: { tenant: { type: 'string', multiple: true }, all: { type: 'boolean' }, json: { type: 'boolean' } } });
if (!values.tenant?.length && !values.all) {
  console.error('usage: npm run audit:verify -- --tenant <key> [--tenant <key>…] | --all [--json]');
  process.exit(2);
}

const services = await ensureServices({ log: () => undefined });
// No entities needed: the verifier reads the tables with SQL.
const orm = await MikroORM.init({ clientUrl: process.env.DATABASE_URL ?? appDatabaseUrl(services.databaseUrl), entities: [], discovery: { warnWhenNoEntities: false }, allowGlobalContext: true });
let exit = 0;
try {
  const em = orm.em.fork();
  const registry = (await em.getConnection().execute(`select key, schema_name from "${PLATFORM_SCHEMA}"."tenant" order by key`)) as { key: string; schema_name: string }[];
  const wanted = values.all ? registry : registry.filter((t) => values.tenant!.includes(t.key));
  for (const missing of (values.tenant ?? []).filter((k) => !registry.some((t) => t.key === k))) {
    console.error(`unknown tenant: ${missing}`);
    exit = 2;
  }
  for (const t of wanted) {
    const report = await verifyAuditChain(em, t.schema_name, t.key);
    if (values.json) console.log(JSON.stringify(report));
    else if (report.ok) console.log(`${t.key}: audit chain intact, ${report.entries} entries, head ${report.head.lastHash.slice(0, 16)}…`);
    else console.log(`${t.key}: AUDIT CHAIN BROKEN (${report.firstBreak!.kind}) — ${report.firstBreak!.message}; ${report.entries} entries read`);
    if (!report.ok && exit === 0) exit = 1;
  }
} catch (e) {
  console.error(`audit:verify failed: ${(e as Error).message}`);
  exit = 2;
} finally {
  await orm.close(true);
  await services.stop();
}
process.exit(exit);
