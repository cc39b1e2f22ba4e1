import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit-chain.js';
import { coreMigrations } from '../../src/core/migrations/index.js';
import { wenzhouOverseasPlugin } from '../../plugins/wenzhou-overseas/wenzhou-overseas.plugin.js';
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

  it('keeps the waivers Wenzhou recorded before waivers moved to the core (wz_waiver → eligibility_waiver)', async () => {
    const schema = 't_upgradewz';
    const conn = h.app.orm.em.getConnection();
    await conn.execute(`create schema "${schema}"`);
    const core = coreMigrations.map((m) => m.name);
    const plugin = (wenzhouOverseasPlugin.migrations ?? []).map((m) => m.name);
    await h.app.orm.migrator.up({ schema, migrations: [...core.slice(0, core.indexOf('core.0006-eligibility-waivers')), ...plugin.slice(0, plugin.indexOf('wenzhou-overseas.0003-core-waivers'))] });
    const ids = { unit: '0190a000-0000-7000-8000-000000000001', talent: '0190a000-0000-7000-8000-000000000002', programme: '0190a000-0000-7000-8000-000000000003', application: '0190a000-0000-7000-8000-000000000004', waiver: '0190a000-0000-7000-8000-000000000005' };
    const now = `now(), now()`;
    await conn.execute(`insert into "${schema}".institution (id, created_at, updated_at, name, kind, country) values ('${ids.unit}', ${now}, 'U', 'hospital', 'CN')`);
    await conn.execute(`insert into "${schema}".talent (id, created_at, updated_at, name, gender, birth_date, unit_id, field, profession, title_grade, highest_degree) values ('${ids.talent}', ${now}, 'T', 'female', '1969-05-01', '${ids.unit}', 'western_medicine', 'doctor', 'senior', 'doctorate')`);
    await conn.execute(`insert into "${schema}".programme (id, created_at, updated_at, scheme, code, name, reference_date) values ('${ids.programme}', ${now}, 'wenzhou-overseas', 'WZ-2025', 'call', '2025-07-01')`);
    await conn.execute(`insert into "${schema}".application (id, created_at, updated_at, programme_id, track, talent_id, unit_id, status, submitted_at) values ('${ids.application}', ${now}, '${ids.programme}', 'leading_talent', '${ids.talent}', '${ids.unit}', 'eligible', now())`);
    await conn.execute(`insert into "${schema}".wz_waiver (id, created_at, updated_at, application_id, talent_id, unit_id, code, reason, waived_by, config_version) values ('${ids.waiver}', ${now}, '${ids.application}', '${ids.talent}', '${ids.unit}', 'AGE_OVER_CAP', '经委务会研究同意', 'admin-1', 2)`);
    await h.app.orm.migrator.up({ schema, migrations: [...core, ...plugin] });
    const rows = await conn.execute(`select id, application_id, code, reason, waived_by, config_version from "${schema}".eligibility_waiver`);
    expect(rows).toEqual([{ id: ids.waiver, application_id: ids.application, code: 'AGE_OVER_CAP', reason: '经委务会研究同意', waived_by: 'admin-1', config_version: 2 }]);
    expect((await conn.execute(`select to_regclass('"${schema}".wz_waiver') as t`))[0]).toEqual({ t: null });
  });
});
