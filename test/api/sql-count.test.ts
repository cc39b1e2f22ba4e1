import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';

/** A query's SQL statements grow with its depth, never with its rows (one DataLoader per relation). */
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('alpha', 'commission-admin');
  const units = [await createUnit(h, admin, 'Unit One'), await createUnit(h, admin, 'Unit Two'), await createUnit(h, admin, 'Unit Three')];
  const programmes = [await createOpenProgramme(h, admin, 'P-1'), await createOpenProgramme(h, admin, 'P-2')];
  for (let i = 0; i < 100; i++) {
    const talentId = await createTalent(h, admin, units[i % 3]!, { name: `Talent ${i}` });
    for (const programmeId of programmes.slice(0, 1 + (i % 2))) {
      await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programmeId, t: talentId });
    }
  }
}, 120_000);
afterAll(async () => h?.close());

const QUERY = `query($n: Int) { talents(first: $n) { nodes { name unit { name } applications { status programme { code tracks { code } } } } } }`;

async function statementsFor(first: number): Promise<{ statements: number; rows: number }> {
  const before = h.sqlCount();
  const data = await h.ok(admin, QUERY, { n: first });
  return { statements: h.sqlCount() - before, rows: data.talents.nodes.length };
}

describe('SQL statements per query', () => {
  it('is the same for 10 talents and for 100 talents with their unit, applications and programmes', async () => {
    await statementsFor(1); // warm the plugin-config and schema caches
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(ten.rows).toBe(10);
    expect(hundred.rows).toBe(100);
    expect(hundred.statements).toBe(ten.statements);
    // talents, units, applications, programmes, tracks: one statement per level (plus transaction wrapping, if any)
    expect(hundred.statements).toBeLessThanOrEqual(6);
  });
});
