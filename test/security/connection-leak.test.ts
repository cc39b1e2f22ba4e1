import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createUnit } from '../support/fixtures.js';
import { eventually } from '../support/webhook-receiver.js';

/**
 * Transactions in flight when PostgreSQL goes away (a restart, a dropped network) must give their
 * connections back to the pool. Their ROLLBACK fails on the dead connection, and the query layer
 * then never released it: each restart under load cost the pool those connections for good
 * (src/db/pool-guard.ts). The app reaches PostgreSQL through a proxy this test cuts.
 */
let h: Harness;
let proxy: TcpProxy;
let direct: pg.Client;
beforeAll(async () => {
  const pgUrl = new URL(inject('databaseUrl'));
  proxy = await new TcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) }).start();
  h = await startHarness({ databaseVia: proxy.address, env: { DB_CONNECT_TIMEOUT_MS: '1000' } });
  direct = new pg.Client({ connectionString: h.databaseUrl });
  await direct.connect();
});
afterAll(async () => {
  proxy?.restore();
  await direct?.end();
  await h?.close();
  await proxy?.stop();
});

describe('a connection that dies in the middle of a transaction', () => {
  it('goes back to the pool, so none stays checked out once PostgreSQL is back', async () => {
    const admin = await h.token('alpha', 'commission-admin');
    await createUnit(h, admin, 'Before the outage');
    const pool = (await h.app.orm.em.getConnection().getNativeClient()) as pg.Pool;
    const checkedOut = () => pool.totalCount - pool.idleCount;
    expect(checkedOut()).toBe(0);

    // Three mutations wait inside their transactions on a lock this test holds (every write passes the audit chain head).
    const holder = new pg.Client({ connectionString: h.databaseUrl });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select * from t_alpha.audit_chain_head for update');
    const writes = [1, 2, 3].map((i) => h.gql(admin, `mutation { createInstitution(input: { name: "During ${i}", kind: HOSPITAL, country: "CN" }) { id } }`));
    await eventually(
      async () => (await direct.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0].n,
      (n) => n === 3,
    );
    expect(checkedOut()).toBeGreaterThanOrEqual(3);

    proxy.cut('reset'); // their connections die mid-transaction
    const answers = await Promise.all(writes);
    expect(answers.map((a) => a.body.errors?.[0]?.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);
    await holder.query('rollback');
    await holder.end();
    proxy.restore();

    await eventually(async () => checkedOut(), (n) => n === 0, 10_000);
    await createUnit(h, admin, 'After the outage');
    expect(checkedOut()).toBe(0);
  });
});
