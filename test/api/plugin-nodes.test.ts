import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Clock } from '../../src/clock.js';
import { PluginHost } from '../../src/plugin/host.js';
import { wenzhouOverseasPlugin } from '../../plugins/wenzhou-overseas/wenzhou-overseas.plugin.js';
import { REPO_TENANTS, startHarness, type Harness } from '../support/harness.js';

/**
 * Plugin record types as Nodes (issue 17): a plugin opts its types in (`nodeTypes`), and
 * node(id:) / nodes(ids:) find them in tenants that enable it, through the same row scope and
 * roles as the plugin's own queries; another tenant's record, another unit's, or one whose
 * queries are not for the actor's role answers null, as a missing one does.
 */
let h: Harness;
let admin: string;
let guizhouAdmin: string;
let stay: { id: string; track: string; talent: { id: string; unit: { id: string } } };
let otherUnit: string;
let committeeId: string;
let traineeId: string;

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true });
  admin = await h.token('wenzhou', 'commission-admin');
  guizhouAdmin = await h.token('guizhou', 'commission-admin');
  const stays = (await h.ok(admin, `{ wenzhouStays(first: 50) { nodes { id track talent { id unit { id } } candidacy { programme { id } } } } }`)).wenzhouStays.nodes;
  stay = stays[0];
  const units = (await h.ok(admin, `{ institutions(first: 200, filter: { dispatching: true }) { nodes { id } } }`)).institutions.nodes as { id: string }[];
  otherUnit = units.find((u) => !stays.some((s: typeof stay) => s.talent.unit.id === u.id))!.id;
  committeeId = (await h.ok(admin, `query($p: ID!) { wenzhouCommittee(programmeId: $p) { id } }`, { p: stays[0].candidacy.programme.id })).wenzhouCommittee.id;
  traineeId = (await h.ok(guizhouAdmin, `{ guizhouTrainees(first: 1) { nodes { id } } }`)).guizhouTrainees.nodes[0].id;
}, 300_000);
afterAll(async () => h?.close());

const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on WenzhouStay { track } } }`;

describe('plugin record types as nodes', () => {
  it('node(id:) finds a Wenzhou stay as its own type, with its fields', async () => {
    expect((await h.ok(admin, NODE, { id: stay.id })).node).toEqual({ __typename: 'WenzhouStay', id: stay.id, track: stay.track });
  });

  it('row scope holds: the stay’s own unit and talent see it, another unit answers null', async () => {
    const own = await h.token('wenzhou', 'unit-coordinator', { unitId: stay.talent.unit.id });
    const self = await h.token('wenzhou', 'talent', { talentId: stay.talent.id, unitId: stay.talent.unit.id });
    const other = await h.token('wenzhou', 'unit-coordinator', { unitId: otherUnit });
    expect((await h.ok(own, NODE, { id: stay.id })).node?.id).toBe(stay.id);
    expect((await h.ok(self, NODE, { id: stay.id })).node?.id).toBe(stay.id);
    expect((await h.ok(other, NODE, { id: stay.id })).node).toBeNull();
    // The same as the plugin's own query says to that coordinator.
    const ownQuery = await h.gql(other, `query($id: ID!) { wenzhouStay(id: $id) { id } }`, { id: stay.id });
    expect(ownQuery.body.data?.wenzhouStay ?? null).toBeNull();
    expect(ownQuery.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a type opted in with roles is a node for those roles only', async () => {
    const q = `query($id: ID!) { node(id: $id) { __typename id } }`;
    expect((await h.ok(admin, q, { id: committeeId })).node).toEqual({ __typename: 'WenzhouCommittee', id: committeeId });
    const coordinator = await h.token('wenzhou', 'unit-coordinator', { unitId: stay.talent.unit.id });
    expect((await h.ok(coordinator, q, { id: committeeId })).node).toBeNull();
  });

  it('another tenant’s record is null, in node and nodes alike', async () => {
    expect((await h.ok(guizhouAdmin, `query($id: ID!) { node(id: $id) { __typename id } }`, { id: stay.id })).node).toBeNull();
    const r = await h.ok(guizhouAdmin, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [traineeId, stay.id] });
    expect(r.nodes).toEqual([{ __typename: 'GuizhouTrainee', id: traineeId }, null]);
    expect((await h.ok(admin, `query($id: ID!) { node(id: $id) { id } }`, { id: traineeId })).node).toBeNull();
  });

  it('the committed schemas: plugin types implement Node where their plugin is enabled', () => {
    const sdl = (tenant: string) => readFileSync(new URL(`../../schema/${tenant}.graphql`, import.meta.url), 'utf8');
    for (const [tenant, types] of [
      ['wenzhou', ['WenzhouStay', 'WenzhouCandidacy', 'WenzhouCommittee']],
      ['guizhou', ['GuizhouCohort', 'GuizhouTrainee']],
      ['yuping', ['CountyRound', 'CountyPair']],
      ['wuhanunion', ['HospitalStay', 'HospitalExpertVisit']],
      ['pumch', ['DelegationActionPlan']],
    ] as const) {
      for (const t of types) expect(sdl(tenant), `${tenant} ${t}`).toMatch(new RegExp(`type ${t} implements [^{]*\\bNode\\b`));
    }
    expect(sdl('guizhou')).not.toMatch(/type WenzhouStay\b/);
  });

  it('a plugin that opts in a type that is not one of its entities is refused at boot', () => {
    const broken = { ...wenzhouOverseasPlugin, nodeTypes: [PluginHost] };
    expect(() => new PluginHost([broken], new Clock(), pino({ level: 'silent' }))).toThrow(/node type PluginHost must be one of its entities/);
  });
});
