import type { TestProject } from 'vitest/node';
import { ensureServices, type Services } from '../../src/infra/services.js';
import { newRunId, removeLeftovers } from './leftovers.js';
import { pgbouncerWanted, startPgBouncer, type PgBouncer } from './pgbouncer.js';

/** Find or start PostgreSQL and Redis once for the whole run; each test file makes its own database. */
let services: Services | undefined;
let pgbouncer: PgBouncer | undefined;
const runId = newRunId();

export async function setup(project: TestProject): Promise<void> {
  services = await ensureServices({ log: (m) => console.error(`[test services] ${m}`) });
  project.provide('databaseUrl', services.databaseUrl);
  project.provide('redisUrl', services.redisUrl);
  project.provide('runId', runId);
  // TEST_PGBOUNCER=1: every harness's app connects through a PgBouncer in transaction pooling.
  if (pgbouncerWanted()) {
    pgbouncer = await startPgBouncer(services.databaseUrl);
    console.error(`[test services] PgBouncer (transaction pooling) on ${pgbouncer.hostPort} in front of the app's database`);
  }
  project.provide('pgbouncer', pgbouncer?.hostPort ?? '');
}

export async function teardown(): Promise<void> {
  try {
    // A run that leaves databases or queue keys behind fails (they are removed either way).
    if (services) {
      const left = await removeLeftovers(runId, services.databaseUrl, services.redisUrl);
      if (left.databases.length || left.keys.length) {
        const keys = [...new Set(left.keys.map((k) => k.slice(0, k.indexOf('}') + 1)))];
        throw new Error(`this test run left behind ${left.databases.length} database(s) [${left.databases.join(', ')}] and ${left.keys.length} Redis key(s) under [${keys.join(', ')}]`);
      }
    }
  } finally {
    await pgbouncer?.stop();
    await services?.stop();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
    /** Names every database and queue prefix this run creates (see leftovers.ts). */
    runId: string;
    /** host:port of the run's PgBouncer when TEST_PGBOUNCER=1, else empty. */
    pgbouncer: string;
  }
}
