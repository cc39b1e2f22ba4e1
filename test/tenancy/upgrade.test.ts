import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit-chain.js';
import { coreMigrations } from '../../src/core/migrations/index.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Upgrading a tenant that already has data: the migrations after the first must work on rows
 * written before them (a fresh schema hides that). The audit chain is built over existing entries.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('upgrading a tenant schema that has data', () => {
  it('chains audit entries written before the audit-chain migration, and the chain verifies', async () => {
    const schema = 't_upgrade';
    const conn = h.app.orm.em.getConnection();
    await conn.execute(`create schema "${schema}"`);
    const names = coreMigrations.map((m) => m.name);
    const before = names.slice(0, names.indexOf('core.0004-audit-chain'));
    await h.app.orm.migrator.up({ schema, migrations: before });
    for (let i = 0; i < 3; i++) {
      await conn.execute(`insert into "${schema}".audit_entry (at, actor, actor_roles, entity, entity_id, action, after) values (now(), 'old-user', '{commission-admin}', 'Talent', '${i}', 'create', '{"name": "x${i}"}')`);
    }
    await h.app.orm.migrator.up({ schema, migrations: names });
    const rows = (await conn.execute(`select seq, prev_hash, hash from "${schema}".audit_entry order by seq`)) as { hash: string | null }[];
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.hash?.length === 64)).toBe(true);
    const report = await verifyAuditChain(h.app.orm.em.fork(), schema, 'upgrade');
    expect(report).toMatchObject({ ok: true, entries: 3 });
  });
});
