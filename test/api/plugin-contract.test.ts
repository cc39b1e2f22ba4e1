import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';
import { updatePluginConfig } from '../../src/core/services/plugin-config.js';

/** The test plugin (test/fixtures/sample-plugin) proves the contract end to end. */
let h: Harness;
let alpha: string;
let unit: string;

beforeAll(async () => {
  h = await startHarness();
  alpha = await h.token('alpha', 'commission-admin');
  unit = await createUnit(h, alpha, 'Alpha Hospital');
});
afterAll(async () => h?.close());

async function apply(programmeId: string, talentId: string) {
  const r = await h.ok(alpha, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id status eligibility { eligible rule configVersion reasons { code message waivable } priorityGroups } } }`, { p: programmeId, t: talentId });
  return r.submitApplication;
}

describe('a plugin’s GraphQL contributions', () => {
  it('appear only in tenants that enable the plugin', async () => {
    const gamma = await h.token('gamma', 'commission-admin');
    const withPlugin = await h.gql(alpha, `{ sampleNotes { text } }`);
    expect(withPlugin.body.data).toEqual({ sampleNotes: [] });
    const without = await h.gql(gamma, `{ sampleNotes { text } }`);
    expect(without.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const field = await h.gql(gamma, `{ talents { nodes { sampleBadge } } }`);
    expect(field.body.errors?.[0]?.message).toContain('sampleBadge');
    // nor any type reachable only through such a field
    const core = await h.app.schemas.get([]);
    expect(core.sdl).not.toMatch(/Sample/);
    const withPluginSdl = (await h.app.schemas.get(h.app.host.enabled((await h.app.tenancy.get('alpha'))!))).sdl;
    expect(withPluginSdl).toContain('type SampleNote');
    expect(withPluginSdl).toContain('sampleNotesOf: [SampleNote!]!');
  });

  it('builds one schema per distinct plugin set, shared by tenants that have the same set', async () => {
    const beta = await h.token('beta', 'viewer');
    await h.ok(beta, `{ me { userId } }`);
    const gamma = await h.token('gamma', 'viewer');
    await h.ok(gamma, `{ me { userId } }`);
    // alpha and beta both enable sample-scheme; gamma enables none
    expect(h.app.schemas.size()).toBe(2);
  });

  it('stores the plugin’s own rows in the tenant’s schema through its own migration', async () => {
    const talent = await createTalent(h, alpha, unit, { name: 'Noted' });
    const r = await h.ok(alpha, `mutation($t: ID!) { addSampleNote(talentId: $t, text: "hello") { text } }`, { t: talent });
    expect(r.addSampleNote.text).toBe('hello');
    const beta = await h.token('beta', 'commission-admin');
    expect((await h.ok(beta, `{ sampleNotes { text } }`)).sampleNotes).toEqual([]);
  });
});

describe('the core calls the scheme’s rules', () => {
  it('eligibility: every failed criterion with its code, decided under the config revision in force', async () => {
    const programme = await createOpenProgramme(h, alpha, 'ELIG-1', 'sample-scheme', '2025-06-30');
    // alpha's file sets maxAge 55; born 1969-06-30 is 56 on the reference date; junior title is below intermediate
    const old = await createTalent(h, alpha, unit, { name: 'Old Junior', birthDate: '1969-06-30', titleGrade: 'JUNIOR' });
    const a = await apply(programme, old);
    expect(a.status).toBe('INELIGIBLE');
    expect(a.eligibility.reasons.map((r: any) => r.code)).toEqual(['AGE_OVER_CAP', 'TITLE_TOO_LOW']);
    expect(a.eligibility.reasons[0].waivable).toBe(true);
    expect(a.eligibility).toMatchObject({ eligible: false, rule: 'sample-scheme/sample-eligibility', configVersion: 1 });
    const young = await createTalent(h, alpha, unit, { name: 'Young Star', birthDate: '1969-07-01', talentProgrammes: ['rising_star'] });
    const b = await apply(programme, young);
    expect(b).toMatchObject({ status: 'ELIGIBLE', eligibility: { eligible: true, reasons: [], priorityGroups: ['rising_star'] } });
  });

  it('eligibility: a duplicate application is a conflict, a closed programme refuses', async () => {
    const programme = await createOpenProgramme(h, alpha, 'ELIG-2');
    const t = await createTalent(h, alpha, unit, { name: 'Twice' });
    await apply(programme, t);
    const again = await h.gql(alpha, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await h.ok(alpha, `mutation($id: ID!) { setProgrammeStatus(id: $id, status: CLOSED) { id } }`, { id: programme });
    const t2 = await createTalent(h, alpha, unit, { name: 'Late' });
    const closed = await h.gql(alpha, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t: t2 });
    expect(closed.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    const badTrack = await h.gql(alpha, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "nope" }) { id } }`, { p: await createOpenProgramme(h, alpha, 'ELIG-3'), t: t2 });
    expect(badTrack.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'track' });
  });

  it('report due dates: computed by the rule, moved when dates change, never duplicated', async () => {
    const programme = await createOpenProgramme(h, alpha, 'REP-1');
    const t = await createTalent(h, alpha, unit, { name: 'Traveller' });
    const app = await apply(programme, t);
    await h.ok(alpha, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { status } }`, { id: app.id });
    const host = await createHost(h, alpha, 'Mayo Clinic');
    const p = await h.ok(alpha, `mutation($a: ID!, $h: ID!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: "2025-09-01", plannedEnd: "2025-10-31" }) { id status reports { kind dueOn status } } }`, { a: app.id, h: host });
    expect(p.createPlacement.reports).toEqual([{ kind: 'summary', dueOn: '2025-11-30', status: 'DUE' }]);
    const moved = await h.ok(alpha, `mutation($id: ID!) { updatePlacementDates(id: $id, dates: { actualStart: "2025-09-02", actualEnd: "2025-12-31" }) { status reports { kind dueOn status } } }`, { id: p.createPlacement.id });
    // The scheme's own report moved with the return; the core's outcome follow-ups (issue 15) are owed from the return too.
    expect(moved.updatePlacementDates).toEqual({
      status: 'COMPLETED',
      reports: [
        { kind: 'summary', dueOn: '2026-01-31', status: 'DUE' },
        { kind: 'evaluation.follow_up', dueOn: '2026-12-31', status: 'DUE' },
        { kind: 'evaluation.follow_up', dueOn: '2027-12-31', status: 'DUE' },
      ],
    });
    const bad = await h.gql(alpha, `mutation($id: ID!) { updatePlacementDates(id: $id, dates: { actualEnd: "2025-08-01" }) { status } }`, { id: p.createPlacement.id });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actualEnd' });
  });

  it('outcome categories: the scheme’s list is enforced', async () => {
    const t = await createTalent(h, alpha, unit, { name: 'Author' });
    const programme = await createOpenProgramme(h, alpha, 'OUT-1');
    const app = await apply(programme, t);
    await h.ok(alpha, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { status } }`, { id: app.id });
    const host = await createHost(h, alpha, 'Charité');
    const p = await h.ok(alpha, `mutation($a: ID!, $h: ID!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: "2025-09-01", plannedEnd: "2025-09-30" }) { id } }`, { a: app.id, h: host });
    const ok = await h.ok(alpha, `mutation($t: ID!, $p: ID!) { recordOutcome(input: { talentId: $t, placementId: $p, category: "paper", title: "A paper", achievedOn: "2026-01-10" }) { category } }`, { t, p: p.createPlacement.id });
    expect(ok.recordOutcome.category).toBe('paper');
    const bad = await h.gql(alpha, `mutation($t: ID!, $p: ID!) { recordOutcome(input: { talentId: $t, placementId: $p, category: "patent", title: "X", achievedOn: "2026-01-10" }) { id } }`, { t, p: p.createPlacement.id });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'category' });
  });
});

describe('plugin configuration through the API', () => {
  it('is validated by the plugin’s schema, versioned by effective date, and audited', async () => {
    const bad = await h.gql(alpha, `mutation { updatePluginConfig(plugin: "sample-scheme", effectiveFrom: "2026-01-01", config: { maxAge: 12 }) { revision } }`);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'config.maxAge' });
    const hist0 = await h.ok(alpha, `{ pluginConfigHistory(plugin: "sample-scheme") { revision } }`);
    expect(hist0.pluginConfigHistory).toHaveLength(1);

    const ok = await h.ok(alpha, `mutation { updatePluginConfig(plugin: "sample-scheme", effectiveFrom: "2026-01-01", config: { maxAge: 40, badge: "alpha-2026" }, note: "2026 call") { revision effectiveFrom config } }`);
    expect(ok.updatePluginConfig).toMatchObject({ revision: 2, effectiveFrom: '2026-01-01', config: { maxAge: 40, badge: 'alpha-2026', minTitle: 'intermediate' } });
    const in2025 = await h.ok(alpha, `{ pluginConfig(plugin: "sample-scheme", on: "2025-12-31") { revision config } }`);
    expect(in2025.pluginConfig).toMatchObject({ revision: 1, config: { maxAge: 55 } });
    const in2026 = await h.ok(alpha, `{ pluginConfig(plugin: "sample-scheme", on: "2026-01-01") { revision config } }`);
    expect(in2026.pluginConfig).toMatchObject({ revision: 2, config: { maxAge: 40 } });

    // a 2025 programme is still judged by the 2025 rules; a 2026 one by the new cap
    const t = await createTalent(h, alpha, unit, { name: 'Forty-five', birthDate: '1980-03-01' });
    const p25 = await createOpenProgramme(h, alpha, 'CFG-2025', 'sample-scheme', '2025-06-30');
    const p26 = await createOpenProgramme(h, alpha, 'CFG-2026', 'sample-scheme', '2026-06-30');
    expect((await apply(p25, t)).eligibility).toMatchObject({ eligible: true, configVersion: 1 });
    expect((await apply(p26, t)).eligibility).toMatchObject({ eligible: false, configVersion: 2 });

    const audit = await h.ok(alpha, `{ auditTrail(filter: { entity: "PluginConfigVersion" }) { nodes { actor action after } } }`);
    expect(audit.auditTrail.nodes.some((n: any) => n.actor === 'user-commission-admin' && n.action === 'create' && n.after.revision === 2)).toBe(true);
  });

  it('is read once per request and parsed once per stored version; a version the request writes is read by its next look', async () => {
    const tenant = (await h.app.tenancy.get('alpha'))!;
    const request = () => h.app.requestContext(tenant, { tenant: 'alpha', roles: ['commission-admin'] as never, userId: 'cfg-reader', unitId: null, talentId: null }, 'cfg-once');
    const ctx = request();
    const before = h.sqlCount();
    const today = await ctx.host.configOn(ctx.em, 'sample-scheme', '2026-06-30');
    const earlier = await ctx.host.configOn(ctx.em, 'sample-scheme', '2025-06-30');
    expect(h.sqlCount() - before).toBe(1);
    expect([today.revision, earlier.revision]).toEqual([2, 1]);
    // Shared between requests, so nobody may change it in place.
    expect(Object.isFrozen(today.config)).toBe(true);
    expect(() => Object.assign(today.config as object, { maxAge: 99 })).toThrow(TypeError);
    const again = request();
    expect((await again.host.configOn(again.em, 'sample-scheme', '2026-06-30')).config).toBe(today.config);

    const written = await updatePluginConfig(ctx, 'sample-scheme', '2099-01-01', { maxAge: 50 }, 'far ahead');
    const after = await ctx.host.configOn(ctx.em, 'sample-scheme', '2099-06-30');
    expect(after).toMatchObject({ revision: written.revision, effectiveFrom: '2099-01-01', config: { maxAge: 50 } });
  });

  it('is for the commission only', async () => {
    const coord = await h.token('alpha', 'unit-coordinator', { unitId: unit });
    const r = await h.gql(coord, `mutation { updatePluginConfig(plugin: "sample-scheme", effectiveFrom: "2026-01-01", config: {}) { revision } }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the audit trail', () => {
  it('records who changed what, with personal data masked', async () => {
    const coord = await h.token('alpha', 'unit-coordinator', { unitId: unit, userId: 'coord-7' });
    const t = await createTalent(h, coord, unit, { name: 'Audited', phone: '13700000000' });
    await h.ok(coord, `mutation($id: ID!) { updateTalent(id: $id, patch: { department: "Cardiology" }) { id } }`, { id: t });
    const r = await h.ok(alpha, `query($id: ID!) { auditTrail(filter: { entityId: $id }) { nodes { actor actorRoles entity action before after } } }`, { id: t });
    const [created, updated] = r.auditTrail.nodes;
    expect(created).toMatchObject({ actor: 'coord-7', actorRoles: ['unit-coordinator'], entity: 'Talent', action: 'create' });
    expect(created.after.phone).toBe('[personal data]');
    expect(updated).toMatchObject({ action: 'update', after: { department: 'Cardiology' } });
    expect(JSON.stringify(r)).not.toContain('13700000000');
    const denied = await h.gql(coord, `{ auditTrail { totalCount } }`);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
