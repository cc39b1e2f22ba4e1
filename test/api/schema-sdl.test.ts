import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR, tenantSdls } from '../../scripts/schema.js';

/** Front-end teams read schema/<tenant>.graphql: it must say what the code serves. */
describe('committed SDL', () => {
  it('matches the schema each tenant is served (run `npm run schema` after changing the API)', async () => {
    const sdls = await tenantSdls();
    expect([...sdls.keys()].sort()).toEqual(['guizhou', 'wenzhou', 'yuping']);
    for (const [tenant, sdl] of sdls) {
      expect(readFileSync(`${SCHEMA_DIR}/${tenant}.graphql`, 'utf8'), `schema/${tenant}.graphql is stale`).toBe(sdl);
    }
  });
});
