import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FIXTURE_TENANTS, startHarness } from '../support/harness.js';
import { listKeys } from '../support/leftovers.js';

/**
 * A test leaves nothing behind on the shared servers: its database is dropped and its queue keys
 * deleted when it closes its harness, whatever the app was doing (workers running, already
 * closed), and also when the harness's own set-up throws. The run's global teardown checks the
 * same for the whole suite (test/support/global-setup.ts).
 */
let db: pg.Client;
beforeAll(async () => {
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
});

const keysUnder = (prefix: string) => listKeys(inject('redisUrl'), `${prefix}:*`);
const databaseExists = async (name: string) => (await db.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;

describe('closing a harness', () => {
  it('removes the database and every queue key, with workers running', async () => {
    const h = await startHarness({ workers: true });
    const prefix = h.app.jobs.prefix;
    const name = new URL(h.databaseUrl).pathname.slice(1);
    // Something in each queue, and a scheduler job run (it re-creates its next iteration).
    await h.app.jobs.queues.scheduled.add('sample-scheme.digest', { tenant: 'beta', plugin: 'sample-scheme', job: 'digest' });
    await h.gql(await h.token('alpha', 'viewer'), '{ me { userId } }');
    expect((await keysUnder(prefix)).length).toBeGreaterThan(0);
    await h.close();
    expect(await keysUnder(prefix)).toEqual([]);
    expect(await databaseExists(name)).toBe(false);
  });

  it('removes them when the test closed the app itself first', async () => {
    const h = await startHarness({ workers: true });
    const prefix = h.app.jobs.prefix;
    await h.app.close(1000); // as the shutdown tests do
    await h.close();
    expect(await keysUnder(prefix)).toEqual([]);
    expect(await databaseExists(new URL(h.databaseUrl).pathname.slice(1))).toBe(false);
  });
});

describe('a harness whose set-up throws', () => {
  it('drops the database it created and the keys it wrote before failing', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'broken-tenants-'));
    writeFileSync(join(broken, 'delta.yaml'), 'key: delta\nname: Delta\nlevel: city\nplugins:\n  no-such-plugin: {}\n');
    // The fixture tenants are provisioned (and their plugin schedulers written to Redis) first.
    const error = await startHarness({ tenantsDirs: [FIXTURE_TENANTS, broken] }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/no-such-plugin/);
    const [, name, prefix] = /database (ts_test_\S+) and queue prefix (\S+) removed/.exec(error!.message)!;
    expect(await databaseExists(name!)).toBe(false);
    expect(await keysUnder(prefix!)).toEqual([]);
  });
});
