import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';

/**
 * Global object identification (issue 17): every record type implements Node; node(id:) and
 * nodes(ids:) find any record by its id, through the same row scope as the type's own query.
 */
let h: Harness;
let admin: string;
let unitA: string;
let talentA: string;
let coordB: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('alpha', 'commission-admin');
  unitA = await createUnit(h, admin, 'Alpha First Hospital');
  const unitB = await createUnit(h, admin, 'Alpha Second Hospital');
  talentA = await createTalent(h, admin, unitA, { name: '林志远' });
  coordB = await h.token('alpha', 'unit-coordinator', { unitId: unitB });
});
afterAll(async () => h?.close());

const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Talent { name } ... on Institution { name } } }`;

describe('node(id:)', () => {
  it('finds a talent and a unit by id, each as its own type', async () => {
    expect((await h.ok(admin, NODE, { id: talentA })).node).toEqual({ __typename: 'Talent', id: talentA, name: '林志远' });
    expect((await h.ok(admin, NODE, { id: unitA })).node).toEqual({ __typename: 'Institution', id: unitA, name: 'Alpha First Hospital' });
  });

  it('answers null for an id nobody has, and for a record outside the caller’s scope', async () => {
    expect((await h.ok(admin, NODE, { id: '018f0000-0000-7000-8000-000000000000' })).node).toBeNull();
    expect((await h.ok(coordB, NODE, { id: talentA })).node).toBeNull();
  });

  it('nodes(ids:) keeps the order asked, null where nothing is found; a malformed id is refused naming it', async () => {
    const r = await h.ok(admin, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [unitA, '018f0000-0000-7000-8000-000000000000', talentA] });
    expect(r.nodes).toEqual([{ __typename: 'Institution', id: unitA }, null, { __typename: 'Talent', id: talentA }]);
    const bad = await h.gql(admin, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [talentA, 'nope'] });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids.1' });
    expect((await h.gql(null, NODE, { id: talentA })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the core record types implement Node in the committed schema; inbox messages and reminders do not', () => {
    const sdl = readFileSync(new URL('../../schema/wenzhou.graphql', import.meta.url), 'utf8');
    for (const t of ['Talent', 'Institution', 'Placement', 'Report', 'Programme', 'Application', 'Outcome', 'Attachment', 'TrainingGroup']) {
      expect(sdl, t).toMatch(new RegExp(`type ${t} implements [^{]*\\bNode\\b`));
    }
    for (const t of ['InboxMessage', 'Reminder']) expect(sdl, t).toMatch(new RegExp(`type ${t} \\{`));
    expect(sdl).toMatch(/interface Node \{/);
  });
});
