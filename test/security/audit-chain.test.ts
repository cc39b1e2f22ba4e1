import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit-chain.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';

/**
 * The audit trail is append-only and hash-chained per tenant; `npm run audit:verify` finds the
 * first edited, inserted or deleted entry. Tampering is done as a database superuser, who can
 * switch the append-only trigger off, exactly the attacker the chain is for.
 */
let h: Harness;
let db: pg.Client;
const run = promisify(execFile);

async function writeSome(tenant: string, n: number): Promise<void> {
  const admin = await h.token(tenant, 'commission-admin');
  const unit = await createUnit(h, admin, `${tenant} unit`);
  // Concurrent writers of one tenant: the chain head serialises them.
  await Promise.all(Array.from({ length: n }, (_, i) => createTalent(h, admin, unit, { name: `${tenant} person ${i}`, phone: `1390000${String(i).padStart(4, '0')}` })));
}

const verify = async (tenant: string) => verifyAuditChain(h.app.orm.em.fork(), `t_${tenant}`, tenant);
const tampered = async (tenant: string, sql: string) => {
  await db.query(`alter table t_${tenant}.audit_entry disable trigger user`);
  try {
    await db.query(sql);
  } finally {
    await db.query(`alter table t_${tenant}.audit_entry enable trigger user`);
  }
};
const seqs = async (tenant: string) => (await db.query(`select seq::text as s from t_${tenant}.audit_entry order by seq`)).rows.map((r) => r.s as string);
/** The entries of an entry's lane, in order (migration core.0021: a tenant's chain has lanes). */
const laneOf = async (tenant: string, seq: string) => {
  const { rows } = await db.query(`select seq::text as s from t_${tenant}.audit_entry where lane = (select lane from t_${tenant}.audit_entry where seq = $1) order by seq`, [seq]);
  return rows.map((r) => r.s as string);
};
/** An audit entry written straight into a tenant's table, in an open transaction of `c`. */
const appendRaw = (c: pg.Client, tenant: string, entityId: string) =>
  c.query(`insert into t_${tenant}.audit_entry (at, actor, actor_roles, entity, entity_id, action, before, after) values (now(), 'lane-test', '{}', 'Talent', $1, 'update', null, '{}') returning seq::text as seq, lane`, [entityId]);

beforeAll(async () => {
  h = await startHarness();
  db = new pg.Client({ connectionString: h.databaseUrl });
  await db.connect();
  await Promise.all([writeSome('alpha', 8), writeSome('beta', 8), writeSome('gamma', 8)]);
});
afterAll(async () => {
  await db?.end();
  await h?.close();
});

describe('the audit chain', () => {
  it('links every entry of a tenant, written concurrently, into one intact chain', async () => {
    for (const t of ['alpha', 'beta', 'gamma']) {
      const r = await verify(t);
      expect(r.ok, JSON.stringify(r.firstBreak)).toBe(true);
      const { rows } = await db.query(`select count(*)::int as n, count(distinct prev_hash)::int as links from t_${t}.audit_entry`);
      expect(r.entries).toBe(rows[0].n);
      expect(rows[0].links).toBe(rows[0].n); // no two entries claim the same predecessor
      expect(r.entries).toBeGreaterThanOrEqual(9);
    }
    // The chain is per tenant: alpha's first entry starts from the genesis hash, as beta's does.
    const firsts = await Promise.all(['alpha', 'beta'].map(async (t) => (await db.query(`select prev_hash from t_${t}.audit_entry order by seq limit 1`)).rows[0].prev_hash));
    expect(firsts).toEqual(['0'.repeat(64), '0'.repeat(64)]);
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused even with direct SQL', async () => {
    await expect(db.query(`update t_alpha.audit_entry set actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`delete from t_alpha.audit_entry`)).rejects.toThrow(/append-only/);
    await expect(db.query(`truncate t_alpha.audit_entry`)).rejects.toThrow(/append-only/);
    expect((await verify('alpha')).ok).toBe(true);
  });

  it('detects an edited entry and names it', async () => {
    const [, , third] = await seqs('alpha');
    await tampered('alpha', `update t_alpha.audit_entry set actor = 'not-who-did-it' where seq = ${third}`);
    const r = await verify('alpha');
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ kind: 'edited', seq: third });
  });

  it('detects a deleted entry, in the middle and at the end', async () => {
    // The first entry is written alone (the unit), so lane 1 has entries before and after the victim.
    const all = await seqs('beta');
    const lane = await laneOf('beta', all[0]!);
    expect(lane.length).toBeGreaterThanOrEqual(3);
    await tampered('beta', `delete from t_beta.audit_entry where seq = ${lane[1]}`);
    const r = await verify('beta');
    expect(r.firstBreak).toMatchObject({ kind: 'deleted', seq: lane[2], afterSeq: lane[0] });

    const gamma = await seqs('gamma');
    const last = await laneOf('gamma', gamma.at(-1)!);
    await tampered('gamma', `delete from t_gamma.audit_entry where seq = ${gamma.at(-1)}`);
    expect((await verify('gamma')).firstBreak).toMatchObject({ kind: 'deleted', seq: null, afterSeq: last.at(-2) ?? null });
  });

  it('detects a forged entry slipped into the chain, even one with a well-formed hash', async () => {
    await h.app.tenancy.provision({ file: 'delta.yaml', key: 'delta', name: 'Delta', level: 'city', parent: null, demo: false, plugins: [], settings: {} as never });
    await writeSome('delta', 4);
    expect((await verify('delta')).ok).toBe(true);
    const all = await seqs('delta');
    // Entries are numbered after the chain lock, which leaves unused numbers between some of them:
    // slip the forgery into the first such gap that has entries after it.
    const k = all.findIndex((s, i) => i < all.length - 1 && BigInt(all[i + 1]!) - BigInt(s) > 1n);
    expect(k).toBeGreaterThanOrEqual(0);
    const at = all[k]!;
    const forgedSeq = String(BigInt(at) + 1n);
    // A forger who knows the lanes puts the forgery in the lane of the entry it links to.
    await tampered(
      'delta',
      `insert into t_delta.audit_entry (seq, at, actor, actor_roles, entity, entity_id, action, before, after, prev_hash, hash, lane)
       select ${forgedSeq}, now(), 'forger', '{}', 'Talent', 'x', 'delete', null, null, e.hash,
              t_delta.audit_chain_link(e.hash, t_delta.audit_canonical(row(${forgedSeq}, now(), 'forger', '{}', 'Talent', 'x', 'delete', null, null, null, null, null, e.lane)::t_delta.audit_entry)),
              e.lane
       from t_delta.audit_entry e where e.seq = ${at}`,
    );
    const r = await verify('delta');
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ kind: 'inserted', seq: forgedSeq, afterSeq: at });
  });

  it('does not serialise a tenant\'s writers: open transactions append to different lanes, each keeping its own', async () => {
    await h.app.tenancy.provision({ file: 'zeta.yaml', key: 'zeta', name: 'Zeta', level: 'city', parent: null, demo: false, plugins: [], settings: {} as never });
    const clients = await Promise.all(Array.from({ length: 3 }, async () => {
      const c = new pg.Client({ connectionString: h.databaseUrl });
      await c.connect();
      await c.query('begin');
      // With one chain head the second writer would wait for the first to commit: fail instead.
      await c.query(`set local lock_timeout = '5s'`);
      return c;
    }));
    try {
      const first = await Promise.all(clients.map((c, i) => appendRaw(c, 'zeta', `writer-${i}`)));
      const lanes = first.map((r) => r.rows[0].lane as number);
      expect(new Set(lanes).size).toBe(3); // all three open at once, each on a lane of its own
      // A transaction's later entries stay on its lane, right after its own earlier entry there.
      const second = await appendRaw(clients[0]!, 'zeta', 'writer-0');
      expect(second.rows[0].lane).toBe(lanes[0]);
      await Promise.all(clients.map((c) => c.query('commit')));
      const r = await verify('zeta');
      expect(r.ok, JSON.stringify(r.firstBreak)).toBe(true);
      expect(r.entries).toBe(4);
      expect(r.lanes).toBe(8);
      expect(await laneOf('zeta', first[0]!.rows[0].seq)).toEqual([first[0]!.rows[0].seq, second.rows[0].seq]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('detects an entry moved to another lane', async () => {
    const all = await seqs('zeta');
    const moved = all[1]!;
    const lane = (await db.query(`select lane from t_zeta.audit_entry where seq = $1`, [moved])).rows[0].lane as number;
    await tampered('zeta', `update t_zeta.audit_entry set lane = ${lane === 8 ? 7 : lane + 1} where seq = ${moved}`);
    const r = await verify('zeta');
    expect(r.ok).toBe(false);
    expect(r.firstBreak?.seq === moved || r.firstBreak?.afterSeq === moved || r.firstBreak?.kind === 'deleted').toBe(true);
  });

  it('npm run audit:verify exits 0 for an intact chain and 1 naming the first broken entry', async () => {
    const env = { ...process.env, DATABASE_URL: h.databaseUrl };
    await h.app.tenancy.provision({ file: 'epsilon.yaml', key: 'epsilon', name: 'Epsilon', level: 'city', parent: null, demo: false, plugins: [], settings: {} as never });
    await writeSome('epsilon', 2);
    const intact = await run('npx', ['tsx', 'scripts/audit-verify.ts', '--tenant', 'epsilon'], { env });
    expect(intact.stdout).toMatch(/epsilon: audit chain intact, \d+ entries/);
    const broken = await run('npx', ['tsx', 'scripts/audit-verify.ts', '--tenant', 'alpha', '--tenant', 'beta'], { env }).catch((e) => e);
    expect(broken.code).toBe(1);
    const third = (await seqs('alpha'))[2];
    expect(broken.stdout).toContain(`alpha: AUDIT CHAIN BROKEN (edited) — entry ${third} was changed`);
    expect(broken.stdout).toMatch(/beta: AUDIT CHAIN BROKEN \(deleted\)/);
  }, 60_000);
});
