import { existsSync, readFileSync } from 'node:fs';
import { BreakingChangeType, buildSchema, findBreakingChanges, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isNonNullType, isObjectType, type BreakingChange, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RELEASED_DIR, tenantSdls } from '../../scripts/schema.js';

/**
 * Deprecation instead of removal (issue 17): against the schema clients were given
 * (`schema/released/`, written by `npm run schema -- --release`), the current schema of every
 * tenant has no breaking change; whatever is deprecated says why and what to use instead.
 */
/**
 * The one change allowed beside additions: an output field whose values were always one of a
 * fixed set, typed `String`, becoming that set's enum (issue 17: enums where code fixes the set).
 * On the wire the value is the same string, so a released client reads what it read; only an
 * input would break (an inline "LITERAL" is no longer an enum literal), so inputs never qualify.
 */
function stringBecameEnum(released: GraphQLSchema, current: GraphQLSchema, change: BreakingChange): boolean {
  if (change.type !== BreakingChangeType.FIELD_CHANGED_KIND) return false;
  const [typeName, fieldName] = change.description.split(' ')[0]!.split('.');
  const before = released.getType(typeName!);
  const after = current.getType(typeName!);
  if (!(isObjectType(before) || isInterfaceType(before)) || !(isObjectType(after) || isInterfaceType(after))) return false;
  const was = before.getFields()[fieldName!]?.type;
  const now = after.getFields()[fieldName!]?.type;
  if (!was || !now || getNamedType(was).name !== 'String' || !isEnumType(getNamedType(now))) return false;
  // Lists keep their shape; a non-null field stays non-null.
  return String(was).replace('String', getNamedType(now).name) === String(now) || (!isNonNullType(was) && String(now) === `${String(was).replace('String', getNamedType(now).name)}!`);
}

describe('schema evolution', () => {
  it('breaks nothing a released client uses: fields are deprecated, not removed or retyped', async () => {
    for (const [tenant, sdl] of await tenantSdls()) {
      const file = `${RELEASED_DIR}/${tenant}.graphql`;
      // A tenant added since the last release has no clients to break yet.
      if (!existsSync(file)) continue;
      const released = buildSchema(readFileSync(file, 'utf8'));
      const current = buildSchema(sdl);
      const breaking = findBreakingChanges(released, current).filter((b) => !stringBecameEnum(released, current, b));
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
