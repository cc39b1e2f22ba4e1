import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR, TENANTS_DIR, tenantSdls } from '../../scripts/schema.js';

/**
 * Front-end teams read schema/<tenant>.graphql: it must say what the code serves, for every tenant
 * file in tenants/ (a new tenant is covered without touching this test), and no file may be left
 * for a tenant that is gone.
 */
describe('committed SDL', () => {
  it('matches the schema each tenant is served (run `npm run schema` after changing the API)', async () => {
    const sdls = await tenantSdls();
    const tenants = readdirSync(TENANTS_DIR).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, '')).sort();
    expect([...sdls.keys()].sort()).toEqual(tenants);
    expect(tenants.length).toBeGreaterThan(0);
    expect(readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.graphql')).sort()).toEqual(tenants.map((t) => `${t}.graphql`));
    for (const [tenant, sdl] of sdls) {
      expect(readFileSync(`${SCHEMA_DIR}/${tenant}.graphql`, 'utf8'), `schema/${tenant}.graphql is stale`).toBe(sdl);
    }
  });
});
