import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createTalent, createUnit } from '../support/fixtures.js';

/**
 * The core's payload mutations (issue 17), end to end through the API: a programme, an
 * application, a placement, its report, an outcome and research output made with the new
 * mutations; mistakes the user can correct come back in `userErrors` naming the field, in Chinese
 * too, with nothing written. Also the conventions' other parts on core types: the Chinese/English
 * name pairs, Money, and the enums beside the deprecated strings.
 */
let h: Harness;
let admin: string;
let unit: string;
let host: string;
const HAN = /[\u4e00-\u9fff]/;
const count = async (list: 'placements' | 'institutions' | 'outcomes' | 'programmes') => (await h.ok(admin, `{ ${list}(first: 1) { totalCount } }`))[list].totalCount as number;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('alpha', 'commission-admin');
  unit = await createUnit(h, admin, '甲市人民医院');
  host = await createHost(h, admin, 'Mayo Clinic');
});
afterAll(async () => h?.close());

/** A selected application of a new talent under a new open programme, through the new mutations. */
async function selectedApplication(code: string, beforeDecision?: (talent: string) => Promise<unknown>): Promise<{ programme: string; talent: string; application: string; version: number }> {
  const p = await h.ok(admin, `mutation($i: ProgrammeInput!) { programmeCreate(input: $i) { programme { id status } userErrors { field } } }`, {
    i: { scheme: 'sample-scheme', code, name: `项目 ${code}`, year: 2025, referenceDate: '2025-06-30', tracks: [{ code: 'clinical', name: 'Clinical' }] },
  });
  expect(p.programmeCreate).toMatchObject({ programme: { status: 'DRAFT' }, userErrors: [] });
  const programme = p.programmeCreate.programme.id;
  const opened = await h.ok(admin, `mutation($id: ID!) { programmeSetStatus(input: { id: $id, status: OPEN }) { programme { status } userErrors { field } } }`, { id: programme });
  expect(opened.programmeSetStatus).toEqual({ programme: { status: 'OPEN' }, userErrors: [] });
  const talent = await createTalent(h, admin, unit, { birthDate: '1985-03-15', titleGrade: 'INTERMEDIATE' });
  const s = await h.ok(admin, `mutation($p: ID!, $t: ID!) { applicationSubmit(input: { programmeId: $p, talentId: $t, track: "clinical" }) { application { id status version eligibility { eligible } } userErrors { field } } }`, { p: programme, t: talent });
  expect(s.applicationSubmit.userErrors).toEqual([]);
  expect(s.applicationSubmit.application).toMatchObject({ status: 'ELIGIBLE', eligibility: { eligible: true } });
  const a = s.applicationSubmit.application;
  await beforeDecision?.(talent);
  const d = await h.ok(admin, `mutation($id: ID!, $v: Int) { applicationDecide(input: { id: $id, status: SELECTED, expectedVersion: $v }) { application { status version } userErrors { code field } } }`, { id: a.id, v: a.version });
  expect(d.applicationDecide).toMatchObject({ application: { status: 'SELECTED' }, userErrors: [] });
  return { programme, talent, application: a.id, version: d.applicationDecide.application.version };
}

describe('core payload mutations', () => {
  it('carry a programme, an application, a placement and its report through, each returning the record and no userErrors', async () => {
    const { talent, application } = await selectedApplication('PAY-1');
    const made = await h.ok(admin, `mutation($a: ID!, $h: ID!) { placementCreate(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: "2025-09-01", plannedEnd: "2026-02-28" }) { placement { id status reports { id kind dueOn } } userErrors { field } } }`, { a: application, h: host });
    expect(made.placementCreate.userErrors).toEqual([]);
    const placement = made.placementCreate.placement;
    expect(placement.reports).toMatchObject([{ kind: 'summary', dueOn: '2026-03-28' }]);

    const moved = await h.ok(admin, `mutation($id: ID!) { placementUpdateDates(input: { id: $id, dates: { actualStart: "2025-09-03", actualEnd: "2026-01-31" } }) { placement { status actualEnd reports { kind dueOn } } userErrors { field } } }`, { id: placement.id });
    expect(moved.placementUpdateDates).toMatchObject({ placement: { status: 'COMPLETED', actualEnd: '2026-01-31' }, userErrors: [] });
    // The summary follows the return (the core's follow-ups after it fall due too, as many as are still ahead of today).
    expect(moved.placementUpdateDates.placement.reports.filter((r: { kind: string }) => r.kind === 'summary')).toEqual([{ kind: 'summary', dueOn: '2026-02-28' }]);

    const report = placement.reports[0].id;
    const handedIn = await h.ok(admin, `mutation($id: ID!) { reportSubmit(input: { id: $id, content: "研修总结" }) { report { status content } userErrors { field } } }`, { id: report });
    expect(handedIn.reportSubmit).toEqual({ report: { status: 'SUBMITTED', content: '研修总结' }, userErrors: [] });
    const reviewed = await h.ok(admin, `mutation($id: ID!) { reportReview(input: { id: $id, accept: true }) { report { status } userErrors { field } } }`, { id: report });
    expect(reviewed.reportReview).toEqual({ report: { status: 'ACCEPTED' }, userErrors: [] });

    const outcome = await h.ok(admin, `mutation($t: ID!, $p: ID!) { outcomeRecord(input: { talentId: $t, placementId: $p, category: "new_technology", title: "开展新技术", achievedOn: "2026-03-01" }) { outcome { category title } userErrors { field } } }`, { t: talent, p: placement.id });
    expect(outcome.outcomeRecord).toEqual({ outcome: { category: 'new_technology', title: '开展新技术' }, userErrors: [] });

    const output = await h.ok(admin, `mutation($t: ID!) { researchOutputRecord(input: { talentId: $t, kind: GRANT, title: "国自然面上项目", achievedOn: "2026-04-01", grant: { funder: "国家自然科学基金委员会", level: NATIONAL, amountFen: 55000000 } }) { researchOutput { id verified grant { amount { fen amount currencyCode } } } userErrors { field } } }`, { t: talent });
    expect(output.researchOutputRecord.researchOutput).toMatchObject({ verified: false, grant: { amount: { fen: 55000000, amount: '550000.00', currencyCode: 'CNY' } } });
    const checked = await h.ok(admin, `mutation($id: ID!) { researchOutputVerify(input: { id: $id }) { researchOutput { verified } userErrors { field } } }`, { id: output.researchOutputRecord.researchOutput.id });
    expect(checked.researchOutputVerify).toEqual({ researchOutput: { verified: true }, userErrors: [] });

    const withdrawn = await h.ok(admin, `mutation($id: ID!) { applicationWithdraw(input: { id: $id, reason: "本人申请" }) { application { status decisionNote } userErrors { code } } }`, { id: (await selectedApplication('PAY-2')).application });
    expect(withdrawn.applicationWithdraw).toEqual({ application: { status: 'WITHDRAWN', decisionNote: '本人申请' }, userErrors: [] });
  });

  it('give a stale version as CONFLICT naming expectedVersion, and leave the application as it was', async () => {
    const { application, version } = await selectedApplication('PAY-3');
    const r = await h.ok(admin, `mutation($id: ID!, $v: Int) { applicationDecide(input: { id: $id, status: REJECTED, note: "名额已满", expectedVersion: $v }) { application { id } userErrors { code field message messageZh } } }`, { id: application, v: version - 1 });
    expect(r.applicationDecide.application).toBeNull();
    expect(r.applicationDecide.userErrors).toMatchObject([{ code: 'CONFLICT', field: 'expectedVersion' }]);
    expect(r.applicationDecide.userErrors[0].messageZh).toMatch(HAN);
    expect((await h.ok(admin, `query($id: ID!) { application(id: $id) { status version } }`, { id: application })).application).toEqual({ status: 'SELECTED', version });
  });

  it('give a placement ending before it starts as BAD_USER_INPUT naming plannedEnd, in Chinese, and write no placement', async () => {
    const { application } = await selectedApplication('PAY-4');
    const before = await count('placements');
    const r = await h.gql(admin, `mutation($a: ID!, $h: ID!) { placementCreate(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: "2025-09-01", plannedEnd: "2025-08-01" }) { placement { id } userErrors { code field message messageZh } } }`, { a: application, h: host });
    expect(r.body.errors).toBeUndefined();
    const { placement, userErrors } = r.body.data.placementCreate;
    expect(placement).toBeNull();
    expect(userErrors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'plannedEnd' }]);
    expect(userErrors[0].messageZh).toMatch(HAN);
    expect(await count('placements')).toBe(before);
  });

  it('give an outcome category the scheme does not assess as BAD_USER_INPUT naming category, and write no outcome', async () => {
    const talent = await createTalent(h, admin, unit);
    const before = await count('outcomes');
    const r = await h.ok(admin, `mutation($t: ID!) { outcomeRecord(input: { talentId: $t, category: "no_such_category", title: "x", achievedOn: "2026-03-01" }) { outcome { id } userErrors { code field messageZh } } }`, { t: talent });
    expect(r.outcomeRecord.outcome).toBeNull();
    expect(r.outcomeRecord.userErrors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'category' }]);
    expect(r.outcomeRecord.userErrors[0].messageZh).toMatch(HAN);
    expect(await count('outcomes')).toBe(before);
  });

  it('refuse a plugin configuration the plugin rejects, naming config.<field>, and store no version', async () => {
    const history = async () => (await h.ok(admin, `{ pluginConfigHistory(plugin: "sample-scheme") { revision } }`)).pluginConfigHistory.length as number;
    const before = await history();
    const bad = await h.ok(admin, `mutation { pluginConfigUpdate(input: { plugin: "sample-scheme", effectiveFrom: "2026-01-01", config: { maxAge: 5 } }) { pluginConfig { revision } userErrors { code field messageZh } } }`);
    expect(bad.pluginConfigUpdate.pluginConfig).toBeNull();
    expect(bad.pluginConfigUpdate.userErrors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'config.maxAge' }]);
    expect(bad.pluginConfigUpdate.userErrors[0].messageZh).toMatch(HAN);
    expect(await history()).toBe(before);
    const good = await h.ok(admin, `mutation { pluginConfigUpdate(input: { plugin: "sample-scheme", effectiveFrom: "2026-01-01", config: { maxAge: 56 }, note: "放宽年龄" }) { pluginConfig { revision config note } userErrors { field } } }`);
    expect(good.pluginConfigUpdate.userErrors).toEqual([]);
    expect(good.pluginConfigUpdate.pluginConfig).toMatchObject({ config: { maxAge: 56 }, note: '放宽年龄' });
    expect(await history()).toBe(before + 1);
  });

  it('keep who-may-do-it a top-level error: a coordinator may not create a programme', async () => {
    const coordinator = await h.token('alpha', 'unit-coordinator', { unitId: unit });
    const before = await count('programmes');
    const r = await h.gql(coordinator, `mutation { programmeCreate(input: { scheme: "sample-scheme", code: "PAY-X", name: "x", referenceDate: "2025-06-30" }) { programme { id } userErrors { code } } }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count('programmes')).toBe(before);
  });
});

describe('institutions: one registered name, given as name or as nameZh', () => {
  it('store nameZh as the registered name and answer nameZh only for a Chinese one', async () => {
    const r = await h.ok(admin, `mutation { institutionCreate(input: { nameZh: "乙县人民医院", nameEn: "Yi County People's Hospital", kind: HOSPITAL, country: "CN", dispatching: true }) { institution { id name nameZh nameEn } userErrors { field } } }`);
    expect(r.institutionCreate).toMatchObject({ institution: { name: '乙县人民医院', nameZh: '乙县人民医院', nameEn: "Yi County People's Hospital" }, userErrors: [] });
    const mayo = await h.ok(admin, `query($id: ID!) { institution(id: $id) { name nameZh } }`, { id: host });
    expect(mayo.institution).toEqual({ name: 'Mayo Clinic', nameZh: null });
    const u = await h.ok(admin, `mutation($id: ID!) { institutionUpdate(input: { id: $id, patch: { nameZh: "乙县第一人民医院" }, expectedVersion: 1 }) { institution { name version } userErrors { field } } }`, { id: r.institutionCreate.institution.id });
    expect(u.institutionUpdate).toEqual({ institution: { name: '乙县第一人民医院', version: 2 }, userErrors: [] });
  });

  it('refuse a nameZh that is not Chinese, or that differs from name, naming nameZh, and write nothing', async () => {
    const before = await count('institutions');
    const latin = await h.ok(admin, `mutation { institutionCreate(input: { nameZh: "Charité", kind: HOSPITAL, country: "DE", host: true }) { institution { id } userErrors { code field messageZh } } }`);
    expect(latin.institutionCreate.institution).toBeNull();
    expect(latin.institutionCreate.userErrors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'nameZh' }]);
    expect(latin.institutionCreate.userErrors[0].messageZh).toBe('须为中文名称');
    const twice = await h.ok(admin, `mutation { institutionCreate(input: { name: "丙市医院", nameZh: "丁市医院", kind: HOSPITAL, country: "CN" }) { institution { id } userErrors { field } } }`);
    expect(twice.institutionCreate.userErrors).toEqual([{ field: 'nameZh' }]);
    const none = await h.ok(admin, `mutation { institutionCreate(input: { kind: HOSPITAL, country: "CN" }) { institution { id } userErrors { field } } }`);
    expect(none.institutionCreate.userErrors).toEqual([{ field: 'name' }]);
    expect(await count('institutions')).toBe(before);
  });
});

describe('core types follow the other conventions', () => {
  it('give roles, tenant levels and audit actions as enums beside the deprecated strings, and names as Zh/En pairs', async () => {
    const r = await h.ok(admin, `{ me { roles grantedRoles } tenant { name nameEn level tenantLevel } }`);
    expect(r.me).toEqual({ roles: ['commission-admin'], grantedRoles: ['COMMISSION_ADMIN'] });
    expect(r.tenant).toEqual({ name: 'Alpha Test Commission', nameEn: 'Alpha Test Commission', level: 'city', tenantLevel: 'CITY' });
    const trail = await h.ok(admin, `query($id: ID) { auditTrail(first: 5, filter: { entity: "Institution", entityId: $id }) { nodes { action actionType actorRoles actingRoles } } }`, { id: unit });
    expect(trail.auditTrail.nodes[0]).toEqual({ action: 'create', actionType: 'CREATE', actorRoles: ['commission-admin'], actingRoles: ['COMMISSION_ADMIN'] });
  });

  it('label outcome categories and configuration fields as labelZh/labelEn pairs', async () => {
    const core = await h.ok(admin, `{ outcomeCategories { code label labelEn labelZh } }`);
    expect(core.outcomeCategories).toContainEqual({ code: 'new_technology', label: 'New technology or project introduced', labelEn: 'New technology or project introduced', labelZh: '新技术新项目' });
    const schema = await h.ok(admin, `{ pluginConfigSchema(plugin: "sample-scheme") { fields { path labelEn } } }`);
    expect(schema.pluginConfigSchema.fields).toContainEqual({ path: 'maxAge', labelEn: 'Max age' });
    expect(schema.pluginConfigSchema.fields).toContainEqual({ path: 'summaryDueMonths', labelEn: 'Summary due months' });
  });

  it('list the report kinds (an open set, so a query, not an enum): the core’s labelled, others found in reports', async () => {
    const r = await h.ok(admin, `{ reportKinds { code scheme labelZh labelEn } }`);
    expect(r.reportKinds).toContainEqual({ code: 'evaluation.follow_up', scheme: null, labelZh: '回国（返岗）后随访', labelEn: 'Follow-up after return' });
    // The sample scheme declares none: its summary report is listed, unlabelled.
    expect(r.reportKinds).toContainEqual({ code: 'summary', scheme: null, labelZh: null, labelEn: null });
    expect(r.reportKinds.map((k: { code: string }) => k.code)).toEqual([...r.reportKinds.map((k: { code: string }) => k.code)].sort());
  });

  it('list the eligibility codes met in verdicts (an open set across schemes), unlabelled where the scheme declares none', async () => {
    const programme = (await h.ok(admin, `mutation { programmeCreate(input: { scheme: "sample-scheme", code: "PAY-E", name: "x", referenceDate: "2025-06-30" }) { programme { id } } }`)).programmeCreate.programme.id;
    await h.ok(admin, `mutation($id: ID!) { programmeSetStatus(input: { id: $id, status: OPEN }) { userErrors { field } } }`, { id: programme });
    const old = await createTalent(h, admin, unit, { birthDate: '1950-01-01' });
    const s = await h.ok(admin, `mutation($p: ID!, $t: ID!) { applicationSubmit(input: { programmeId: $p, talentId: $t }) { application { status eligibility { reasons { code } } } } }`, { p: programme, t: old });
    expect(s.applicationSubmit.application).toEqual({ status: 'INELIGIBLE', eligibility: { reasons: [{ code: 'AGE_OVER_CAP' }] } });
    const r = await h.ok(admin, `{ eligibilityCodes { code scheme labelZh labelEn waivable } }`);
    expect(r.eligibilityCodes).toEqual([{ code: 'AGE_OVER_CAP', scheme: null, labelZh: null, labelEn: null, waivable: null }]);
  });

  it('give a baseline’s grant total as Money beside the deprecated fen', async () => {
    const grant = (t: string) => h.ok(admin, `mutation($t: ID!) { researchOutputRecord(input: { talentId: $t, kind: GRANT, title: "省级课题", achievedOn: "2024-05-01", grant: { funder: "省科技厅", level: PROVINCIAL, amountFen: 12345 } }) { userErrors { field } } }`, { t });
    const { talent } = await selectedApplication('PAY-5', grant);
    const s = await h.ok(admin, `query($t: ID!) { evaluationSnapshots(talentId: $t) { kind grantFen grant { fen amount currencyCode } } }`, { t: talent });
    expect(s.evaluationSnapshots).toEqual([{ kind: 'BASELINE', grantFen: 12345, grant: { fen: 12345, amount: '123.45', currencyCode: 'CNY' } }]);
  });
});
