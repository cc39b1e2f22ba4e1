import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { heldOn, heldResult, holdStatements, onClient } from '../../src/db/held-statements.js';
import { PreparedStatements, type SqlStatement } from '../../src/db/prepared-statements.js';
import { plainRowsTogether, type KeyedRead } from '../../src/graphql/loaders.js';
import { Institution } from '../../src/core/entities/institution.js';
import { Programme } from '../../src/core/entities/programme.js';
import { Talent } from '../../src/core/entities/talent.js';
import { tableOf } from '../../src/db/tables.js';
import { REPO_TENANTS, startHarness, type Harness } from '../support/harness.js';

/**
 * A write's reads in the request's transaction as named prepared statements (src/db/prepared-
 * statements.ts inTransaction) and BEGIN held back until the transaction's first statement
 * (src/db/held-statements.ts). What must hold: the prepared form answers exactly what the text
 * form answers; it runs inside the transaction; a statement the server lost is prepared again;
 * a held BEGIN still opens the transaction its statements run in, and a transaction without
 * statements sends nothing.
 */
let h: Harness;
let pool: pg.Pool;
let em: EntityManager;

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true });
  pool = new pg.Pool({ connectionString: h.databaseUrl, max: 2 });
  em = h.app.tenancy.em((await h.app.tenancy.get('wenzhou'))!) as EntityManager;
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await h?.close();
});

/** The reads submitApplication makes (a programme, a talent, the talent's unit by subquery). */
async function reads(em: EntityManager): Promise<KeyedRead[]> {
  const { rows } = await pool.query(`select t.id as talent, (select p.id from ${tableOf(em, Programme)} p order by p.id limit 1) as programme from ${tableOf(em, Talent)} t order by t.id limit 1`);
  const { talent, programme } = rows[0] as { talent: string; programme: string };
  return [
    { entity: Programme, property: 'id', keys: [programme] },
    { entity: Talent, property: 'id', keys: [talent] },
    { entity: Institution, property: 'id', keys: { subquery: `select t.unit_id from ${tableOf(em, Talent)} t where t.id = ?`, params: [talent] } },
  ] as KeyedRead[];
}

/** A transaction on a fork of `em`, and its reads as the prepared form (sent statements recorded). */
async function inTransaction<T>(prepared: PreparedStatements, run: (fork: EntityManager, read: (s: SqlStatement) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const fork = em.fork() as EntityManager;
  await fork.begin();
  try {
    const out = await run(fork, (s) => prepared.inTransaction(fork.getTransactionContext(), s.name!, s.text, s.values));
    await fork.commit();
    return out;
  } catch (e) {
    await fork.rollback();
    throw e;
  }
}

describe('a write\'s reads prepared in its transaction', () => {
  it('answers exactly what the text form answers, as one named statement with its values apart', async () => {
    const sent: string[] = [];
    const prepared = new PreparedStatements(10, (sql) => sent.push(sql));
    const keyed = await reads(em);
    const extras = [{ json: `select coalesce(json_agg(p.code order by p.code), '[]') from ${tableOf(em, Programme)} p where p.scheme = ?`, params: ['wenzhou-overseas'] }];
    const asText = await inTransaction(prepared, (fork) => plainRowsTogether(fork, keyed, extras));
    const asPrepared = await inTransaction(prepared, (fork, read) => plainRowsTogether(fork, keyed, extras, read));
    expect(asText.slice(0, 3).every((rows) => rows.length === 1)).toBe(true);
    expect(asPrepared).toEqual(asText);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/\$1\b/);
    expect(sent[0]).not.toContain(String((keyed[1]!.keys as string[])[0]));
  });

  it('runs inside the transaction: it sees the transaction\'s own uncommitted change', async () => {
    const prepared = new PreparedStatements(10);
    const keyed = await reads(em);
    const talent = (keyed[1]!.keys as string[])[0]!;
    const seen = await inTransaction(prepared, async (fork, read) => {
      await fork.getConnection().execute(`update ${tableOf(fork, Talent)} set name = 'Renamed in the transaction' where id = ?`, [talent], 'run', fork.getTransactionContext());
      const [, talents] = await plainRowsTogether(fork, keyed, [], read);
      throw Object.assign(new Error('roll back'), { seen: (talents![0] as Talent).name });
    }).catch((e: { seen?: string }) => e.seen);
    expect(seen).toBe('Renamed in the transaction');
    expect((await pool.query(`select name from ${tableOf(em, Talent)} where id = $1`, [talent])).rows[0].name).not.toBe('Renamed in the transaction');
  });

  it('prepares a statement again once the server lost it (DEALLOCATE ALL on its connection)', async () => {
    const prepared = new PreparedStatements(10);
    const keyed = await reads(em);
    const first = await inTransaction(prepared, (fork, read) => plainRowsTogether(fork, keyed, [], read));
    // Prepared, then forgotten by the server behind pg's back, on the transaction's one connection.
    const lost = await inTransaction(prepared, async (fork, read) => {
      await plainRowsTogether(fork, keyed, [], read);
      await fork.getConnection().execute('deallocate all', [], 'run', fork.getTransactionContext());
      return plainRowsTogether(fork, keyed, [], read);
    }).catch((e: { code?: string }) => e);
    expect(lost).toMatchObject({ code: '26000' });
    // The failed transaction forgot the name: the next ones (the pool hands the same idle connection back first) prepare it again.
    for (let i = 0; i < 3; i++) expect(await inTransaction(prepared, (fork, read) => plainRowsTogether(fork, keyed, [], read))).toEqual(first);
  });

  it('deallocates beyond its bound per connection, in the transaction too', async () => {
    const sent: string[] = [];
    const prepared = new PreparedStatements(1, (sql) => sent.push(sql));
    const keyed = await reads(em);
    const [one, two] = await inTransaction(prepared, async (fork, read) => [await plainRowsTogether(fork, keyed.slice(0, 1), [], read), await plainRowsTogether(fork, keyed.slice(1, 2), [], read)]);
    expect(one![0]).toHaveLength(1);
    expect(two![0]).toHaveLength(1);
    expect(sent.filter((s) => s.startsWith('deallocate'))).toHaveLength(1);
  });
});

describe('statements held back until the next one (BEGIN, a flush\'s audit rows)', () => {
  /** A pool whose clients hold BEGIN back, and the queries its clients actually send. */
  function deferredPool() {
    const sent: string[] = [];
    const p = new pg.Pool({ connectionString: h.databaseUrl, max: 1 });
    // Registered first, so it sees what the deferring wrapper passes on.
    p.on('connect', (client) => {
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      (client as unknown as { query: typeof query }).query = (...a: unknown[]) => {
        sent.push(typeof a[0] === 'string' ? a[0] : `named ${(a[0] as { name?: string }).name}`);
        return query(...a);
      };
    });
    holdStatements(p);
    return { pool: p, sent };
  }

  it('sends BEGIN with the first statement, and the statements after it are in its transaction', async () => {
    const { pool: p, sent } = deferredPool();
    try {
      const client = await p.connect();
      await client.query('create temporary table held_begin (n int)');
      sent.length = 0;
      await client.query('begin');
      expect(heldOn(client)).toEqual(['begin']);
      expect(sent).toEqual([]);
      const r = await client.query('insert into held_begin values (1) returning n');
      expect(r.rows).toEqual([{ n: 1 }]);
      expect(heldOn(client)).toEqual([]);
      await client.query('insert into held_begin values (2)');
      await client.query('rollback');
      expect((await client.query('select count(*)::int as n from held_begin')).rows).toEqual([{ n: 0 }]);
      expect(sent.slice(0, 3)).toEqual(['begin;insert into held_begin values (1) returning n', 'insert into held_begin values (2)', 'rollback']);
      client.release();
    } finally {
      await p.end();
    }
  });

  it('sends nothing for a transaction without statements, and BEGIN on its own before a statement with parameters', async () => {
    const { pool: p, sent } = deferredPool();
    try {
      const client = await p.connect();
      await client.query('begin');
      await client.query('commit');
      expect(sent).toEqual([]);
      await client.query('begin');
      const r = await client.query('select $1::int + 1 as n', [1]);
      expect(r.rows).toEqual([{ n: 2 }]);
      await client.query('commit');
      expect(sent).toEqual(['begin', 'select $1::int + 1 as n', 'commit']);
      client.release();
    } finally {
      await p.end();
    }
  });

  it('a failing first statement leaves the transaction aborted, as after a separate BEGIN', async () => {
    const { pool: p } = deferredPool();
    try {
      const client = await p.connect();
      await client.query('begin');
      await expect(client.query('select 1/0')).rejects.toMatchObject({ code: '22012' });
      await expect(client.query('select 1')).rejects.toMatchObject({ code: '25P02' });
      await client.query('rollback');
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      client.release();
    } finally {
      await p.end();
    }
  });

  /** What the audit subscriber does with a flush's rows in a transaction (src/core/audit.ts holdForFlush). */
  const hold = (client: pg.PoolClient, sql: string) => client.query(onClient(async (_c, _send, h) => (h(sql), heldResult('HELD'))).sql);

  it('sends a held statement with the next one, in the transaction, and the caller gets its own statement\'s result', async () => {
    const { pool: p, sent } = deferredPool();
    try {
      const client = await p.connect();
      await client.query('create temporary table held_rows (n int)');
      sent.length = 0;
      await client.query('begin');
      await hold(client, 'insert into held_rows values (10)');
      expect(heldOn(client)).toEqual(['begin', 'insert into held_rows values (10)']);
      expect((await client.query('insert into held_rows values (11) returning n')).rows).toEqual([{ n: 11 }]);
      expect((await client.query('select array_agg(n order by n) as ns from held_rows')).rows).toEqual([{ ns: [10, 11] }]);
      await client.query('rollback');
      expect((await client.query('select count(*)::int as n from held_rows')).rows).toEqual([{ n: 0 }]);
      expect(sent.slice(0, 3)).toEqual(['begin;insert into held_rows values (10);insert into held_rows values (11) returning n', 'select array_agg(n order by n) as ns from held_rows', 'rollback']);
      client.release();
    } finally {
      await p.end();
    }
  });

  it('fails the next statement when a held one fails, and never commits past it', async () => {
    const { pool: p, sent } = deferredPool();
    try {
      const client = await p.connect();
      await client.query('create temporary table held_fail (n int)');
      await client.query('begin');
      await client.query('insert into held_fail values (1)');
      await hold(client, 'insert into held_fail values (1/0)');
      await expect(client.query('insert into held_fail values (2)')).rejects.toMatchObject({ code: '22012' });
      await client.query('rollback');
      // Held until COMMIT: sent on its own first; its failure is COMMIT's, and nothing is committed.
      sent.length = 0;
      await client.query('begin');
      await client.query('insert into held_fail values (3)');
      await hold(client, 'insert into held_fail values (1/0)');
      await expect(client.query('commit')).rejects.toMatchObject({ code: '22012' });
      expect(sent).toEqual(['begin;insert into held_fail values (3)', 'insert into held_fail values (1/0)']);
      await client.query('rollback');
      expect((await client.query('select count(*)::int as n from held_fail')).rows).toEqual([{ n: 0 }]);
      client.release();
    } finally {
      await p.end();
    }
  });

  it('sends a held statement ahead of a named prepared statement in the same exchange', async () => {
    const { pool: p, sent } = deferredPool();
    try {
      const client = await p.connect();
      await client.query('create temporary table held_named (n int)');
      sent.length = 0;
      await client.query('begin');
      await hold(client, 'insert into held_named values (7)');
      const prepared = new PreparedStatements(10);
      const rows = await prepared.inTransaction({ executeQuery: (q: { sql: unknown; parameters: unknown[] }) => client.query(q.sql as string, q.parameters) }, 'held_named_count', 'select count(*)::int as n from held_named where n = $1', [7]);
      expect(rows).toEqual([{ n: 1 }]);
      await client.query('rollback');
      expect(sent).toEqual(['named held_named_count', 'rollback']);
      client.release();
    } finally {
      await p.end();
    }
  });
});
