import { LockMode } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Institution, InstitutionKind, definePlugin, demoInstitution } from '../../src/index.js';
import { startScheme, type Harness } from '../kit/index.js';

/**
 * A demo seed runs as a mutation request does: in one transaction on its request context, so it
 * may call services that lock rows (outside a transaction PostgreSQL's FOR UPDATE has nothing to
 * hold), and a seed that fails half-way leaves nothing behind.
 */
const seeding = definePlugin<{ fail: boolean }>({
  key: 'seeding-probe',
  name: 'Seed probe (test fixture)',
  version: '1.0.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'SeedingProbe',
  config: z.object({ fail: z.boolean().default(false) }),
  async seed(ctx) {
    const unit = await demoInstitution(ctx.em, { name: `Probe hospital of ${ctx.tenant.key}`, kind: InstitutionKind.HOSPITAL, dispatching: true });
    await ctx.em.flush();
    // What a service that counts places does: lock the row for the rest of the transaction.
    const locked = await ctx.request.em.findOne(Institution, unit.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    expect(locked).toBe(unit); // the seed's em is the request's
    if (ctx.config.fail) throw new Error('the seed fails after writing');
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startScheme({ plugins: [seeding], tenants: { calm: { plugins: { 'seeding-probe': {} } }, stormy: { plugins: { 'seeding-probe': { config: { fail: true } } } } } });
});
afterAll(async () => h?.close());

const units = async (tenant: string) => h.app.tenancy.em((await h.app.tenancy.get(tenant))!).count(Institution, {});

describe('demo seeds', () => {
  it('may lock rows, as the services they call do', async () => {
    await h.app.seedDemo((await h.app.tenancy.get('calm'))!);
    expect(await units('calm')).toBe(1);
    await h.app.seedDemo((await h.app.tenancy.get('calm'))!);
    expect(await units('calm')).toBe(1);
  });

  it('write nothing when they fail', async () => {
    await expect(h.app.seedDemo((await h.app.tenancy.get('stormy'))!)).rejects.toThrow('the seed fails after writing');
    expect(await units('stormy')).toBe(0);
  });
});
