import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { startPgBouncer, type PgBouncer } from '../support/pgbouncer.js';

/**
 * The app behind PgBouncer in transaction pooling (README, "Behind PgBouncer"): tenants created
 * and migrated, an audited write in a transaction, reads, through a pool of 20 server
 * connections shared with anyone. `TEST_PGBOUNCER=1 npm test` runs every harness this way.
 */
const hasPgBouncer = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].some((p) => spawnSync(p, ['--version']).status === 0);

let bouncer: PgBouncer;
let h: Harness;
beforeAll(async () => {
  if (!hasPgBouncer) return;
  bouncer = await startPgBouncer(inject('databaseUrl'));
  // Debian's PgBouncer 1.18 loses named prepared statements between transactions (README).
  h = await startHarness({ databaseVia: bouncer.hostPort, env: { PREPARED_STATEMENTS: 'off' } });
});
afterAll(async () => {
  await h?.close();
  await bouncer?.stop();
});

/** PgBouncer's admin console (simple query protocol only). */
async function console_<T>(sql: string): Promise<T[]> {
  const url = new URL(inject('databaseUrl'));
  url.host = bouncer.hostPort;
  url.pathname = '/pgbouncer';
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

describe.skipIf(!hasPgBouncer)('behind PgBouncer (transaction pooling)', () => {
  it('migrates, writes with its audit row and reads through it, and leaves no session state on its connections', async () => {
    const admin = await h.token('alpha', 'commission-admin');
    const inst = await h.ok(admin, `mutation { createInstitution(input: { name: "Alpha People's Hospital", kind: HOSPITAL, dispatching: true, country: "CN", adminLevel: CITY }) { id } }`);
    await h.ok(admin, `mutation($u: ID!) { createTalent(input: { name: "Li Wei", gender: FEMALE, birthDate: "1980-05-01", unitId: $u, field: WESTERN_MEDICINE, profession: DOCTOR, titleGrade: INTERMEDIATE, highestDegree: MASTER }) { id } }`, { u: inst.createInstitution.id });
    const list = await h.ok(admin, `{ talents(first: 10) { totalCount nodes { id name } } }`);
    expect(list.talents).toEqual({ totalCount: 1, nodes: [{ id: expect.any(String), name: 'Li Wei' }] });
    // A read by id planned into one statement (as text with PREPARED_STATEMENTS=off), several at
    // once over PgBouncer's connections: the resolvers' answer, one statement each.
    const byId = `query($id: ID!) { talent(id: $id) { id name birthDate } }`;
    const want = { talent: { id: list.talents.nodes[0].id, name: 'Li Wei', birthDate: '1980-05-01' } };
    const before = h.sqlCount();
    const answers = await Promise.all(Array.from({ length: 8 }, () => h.gql(admin, byId, { id: want.talent.id })));
    expect(answers.map((a) => a.body)).toEqual(Array.from({ length: 8 }, () => ({ data: want })));
    expect(h.sqlCount() - before).toBe(8);
    expect((await h.gql(admin, byId, { id: want.talent.id }, { accept: 'application/graphql-response+json' })).body).toEqual({ data: want });

    // The traffic went through PgBouncer: its statistics for this database count the transactions.
    const db = new URL(h.databaseUrl).pathname.slice(1);
    const stats = await console_<{ database: string; total_xact_count: string }>('SHOW STATS');
    expect(Number(stats.find((s) => s.database === db)?.total_xact_count ?? 0)).toBeGreaterThan(10);
    const pools = await console_<{ database: string; pool_mode: string }>('SHOW POOLS');
    expect(pools.find((p) => p.database === db)?.pool_mode).toBe('transaction');

    // The audited write landed with its chain entry.
    const direct = new pg.Client({ connectionString: h.databaseUrl });
    await direct.connect();
    try {
      const audit = await direct.query(`select count(*)::int n from t_alpha.audit_entry`);
      expect(audit.rows[0].n).toBeGreaterThanOrEqual(2);
    } finally {
      await direct.end();
    }
    // Migrations set search_path per tenant inside their transaction and reset it there: a
    // server connection handed to the next client through PgBouncer carries the default.
    const via = new pg.Pool({ connectionString: h.databaseUrl.replace(new URL(h.databaseUrl).host, bouncer.hostPort), max: 5 });
    try {
      const paths = await Promise.all(Array.from({ length: 5 }, () => via.query(`select current_setting('search_path') as search_path, (select count(*)::int from pg_prepared_statements) as prepared`)));
      for (const p of paths) expect(p.rows[0]).toEqual({ search_path: '"$user", public', prepared: 0 });
    } finally {
      await via.end();
    }
  });
});
