import { existsSync, readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, isObjectType, isInterfaceType, isInputObjectType, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RELEASED_DIR, tenantSdls } from '../../scripts/schema.js';

/**
 * Deprecation instead of removal (issue 17): against the schema clients were given
 * (`schema/released/`, written by `npm run schema -- --release`), the current schema of every
 * tenant has no breaking change; whatever is deprecated says why and what to use instead.
 */
describe('schema evolution', () => {
  it('breaks nothing a released client uses: fields are deprecated, not removed or retyped', async () => {
    for (const [tenant, sdl] of await tenantSdls()) {
      const file = `${RELEASED_DIR}/${tenant}.graphql`;
      // A tenant added since the last release has no clients to break yet.
      if (!existsSync(file)) continue;
      const breaking = findBreakingChanges(buildSchema(readFileSync(file, 'utf8')), buildSchema(sdl));
      expect(breaking.map((b) => `${b.type}: ${b.description}`), `${tenant}: deprecate with @deprecated(reason:) instead, release, then remove`).toEqual([]);
    }
  });

  it('every deprecation gives its reason (not graphql’s default "No longer supported")', async () => {
    let deprecated = 0;
    for (const [tenant, sdl] of await tenantSdls()) {
      const schema = buildSchema(sdl);
      for (const type of Object.values(schema.getTypeMap())) {
        if (type.name.startsWith('__')) continue;
        const members = isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) ? Object.values(type.getFields()) : isEnumType(type) ? type.getValues() : [];
        for (const m of members) {
          if (m.deprecationReason == null) continue;
          deprecated++;
          expect(m.deprecationReason, `${tenant}: ${type.name}.${m.name}`).not.toBe('No longer supported');
          expect(m.deprecationReason.length, `${tenant}: ${type.name}.${m.name}`).toBeGreaterThan(10);
        }
      }
    }
    // ResearchGrant.amountFen gave way to amount (Money) this way.
    expect(deprecated).toBeGreaterThan(0);
  });

  it('the released schemas are there for every tenant of the repository', async () => {
    for (const tenant of (await tenantSdls()).keys()) expect(existsSync(`${RELEASED_DIR}/${tenant}.graphql`), tenant).toBe(true);
  });
});
