import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';

/** Tenant A must never see or change tenant B's rows, even with B's ids in hand. */
let h: Harness;
let alphaAdmin: string;
let betaAdmin: string;
let alphaTalent: string;
let alphaUnit: string;

beforeAll(async () => {
  h = await startHarness();
  alphaAdmin = await h.token('alpha', 'commission-admin');
  betaAdmin = await h.token('beta', 'commission-admin');
  alphaUnit = await createUnit(h, alphaAdmin, 'Alpha Hospital');
  alphaTalent = await createTalent(h, alphaAdmin, alphaUnit, { name: 'Alpha Person', phone: '13900000001' });
  const betaUnit = await createUnit(h, betaAdmin, 'Beta Hospital');
  await createTalent(h, betaAdmin, betaUnit, { name: 'Beta Person' });
});
afterAll(async () => h?.close());

describe('tenant isolation', () => {
  it('lists only the own tenant’s rows', async () => {
    const a = await h.ok(alphaAdmin, `{ talents { nodes { name } } institutions { nodes { name } } }`);
    const b = await h.ok(betaAdmin, `{ talents { nodes { name } } institutions { nodes { name } } }`);
    expect(a.talents.nodes.map((n: any) => n.name)).toEqual(['Alpha Person']);
    expect(b.talents.nodes.map((n: any) => n.name)).toEqual(['Beta Person']);
    expect(JSON.stringify(b)).not.toContain('Alpha');
  });

  it('a guessed id from another tenant reads as nothing', async () => {
    const r = await h.gql(betaAdmin, `query($id: ID!) { talent(id: $id) { name phone } institution(id: $id) { name } }`, { id: alphaTalent });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ talent: null, institution: null });
    const unit = await h.gql(betaAdmin, `query($id: ID!) { institution(id: $id) { name } talents(filter: { unitId: $id }) { totalCount } }`, { id: alphaUnit });
    expect(unit.body.data).toEqual({ institution: null, talents: { totalCount: 0 } });
  });

  it('a guessed id from another tenant cannot be written, and the row stays as it was', async () => {
    const r = await h.gql(betaAdmin, `mutation($id: ID!) { updateTalent(id: $id, patch: { name: "Hijacked" }) { name } }`, { id: alphaTalent });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(r.body)).not.toContain('Alpha Person');
    const still = await h.ok(alphaAdmin, `query($id: ID!) { talent(id: $id) { name } }`, { id: alphaTalent });
    expect(still.talent.name).toBe('Alpha Person');
  });

  it('keeps each tenant in its own PostgreSQL schema, with nothing tenant-shaped in public', async () => {
    const client = new pg.Client({ connectionString: h.databaseUrl });
    await client.connect();
    try {
      const tables = await client.query(`select table_schema, table_name from information_schema.tables where table_name = 'talent' order by 1`);
      expect(tables.rows.map((r) => r.table_schema)).toEqual(['t_alpha', 't_beta', 't_gamma']);
      const publicTables = await client.query(`select count(*)::int as n from information_schema.tables where table_schema = 'public'`);
      expect(publicTables.rows[0].n).toBe(0);
      const alphaRows = await client.query(`select count(*)::int as n from t_alpha.talent`);
      expect(alphaRows.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });
});
