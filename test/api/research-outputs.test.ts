import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';

/**
 * Research output is the talent's, structured per kind (issue 13): papers with journal, indexing,
 * impact factor and authorship; grants with funder, level and an amount in whole fen; awards,
 * patents, new clinical techniques. Wrong details are refused naming the field; nothing is written.
 */
let h: Harness;
let admin: string;
let unitA: string;
let unitB: string;
let talentA: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('alpha', 'commission-admin');
  unitA = await createUnit(h, admin, 'Research Hospital A');
  unitB = await createUnit(h, admin, 'Research Hospital B');
  talentA = await createTalent(h, admin, unitA, { name: '张研' });
});
afterAll(async () => h?.close());

const RECORD = `mutation($i: ResearchOutputInput!) { recordResearchOutput(input: $i) {
  id kind title achievedOn reference verified talent { id }
  paper { journal indexing impactFactor authorRole } grant { funder level amountFen amount { fen amount currencyCode } } award { awardingBody level grade }
  patent { patentType office } technique { department level }
} }`;
const count = async () => (await h.ok(admin, `{ researchOutputs(first: 100) { totalCount } }`)).researchOutputs.totalCount as number;

describe('recording research output', () => {
  it('keeps each kind with its own details, and amounts above 2^31 fen exactly', async () => {
    const paper = await h.ok(admin, RECORD, { i: { talentId: talentA, kind: 'PAPER', title: 'Outcomes of TAVR in elderly patients', achievedOn: '2023-04-02', reference: '10.1000/xyz', paper: { journal: 'JACC', indexing: ['SCI', 'PUBMED'], impactFactor: 21.7, authorRole: 'FIRST_AND_CORRESPONDING' } } });
    expect(paper.recordResearchOutput).toMatchObject({ kind: 'PAPER', paper: { journal: 'JACC', indexing: ['SCI', 'PUBMED'], impactFactor: 21.7, authorRole: 'FIRST_AND_CORRESPONDING' }, grant: null, verified: false, talent: { id: talentA } });
    const grant = await h.ok(admin, RECORD, { i: { talentId: talentA, kind: 'GRANT', title: '国家重点研发计划课题', achievedOn: '2023-09-01', grant: { funder: '科技部', level: 'NATIONAL', amountFen: 3_000_000_000 } } });
    expect(grant.recordResearchOutput.grant).toEqual({ funder: '科技部', level: 'NATIONAL', amountFen: 3_000_000_000, amount: { fen: 3_000_000_000, amount: '30000000.00', currencyCode: 'CNY' } });
    for (const [kind, detail] of [['AWARD', { award: { awardingBody: '湖北省人民政府', level: 'PROVINCIAL', grade: '一等奖' } }], ['PATENT', { patent: { patentType: 'INVENTION', office: 'CNIPA' } }], ['CLINICAL_TECHNIQUE', { technique: { department: '心血管内科', level: 'PROVINCIAL' } }]] as const) {
      const r = await h.ok(admin, RECORD, { i: { talentId: talentA, kind, title: `${kind} 1`, achievedOn: '2024-01-05', ...detail } });
      expect(r.recordResearchOutput.kind).toBe(kind);
    }
    const mine = await h.ok(admin, `query($t: ID!) { talent(id: $t) { researchOutputs { kind } } }`, { t: talentA });
    expect(mine.talent.researchOutputs.map((o: { kind: string }) => o.kind)).toEqual(['PAPER', 'GRANT', 'AWARD', 'PATENT', 'CLINICAL_TECHNIQUE']);
    const filtered = await h.ok(admin, `{ researchOutputs(filter: { kind: GRANT, from: "2023-01-01", to: "2023-12-31" }) { nodes { title } } }`);
    expect(filtered.researchOutputs.nodes).toEqual([{ title: '国家重点研发计划课题' }]);
  });

  it('refuses details of another kind, missing ones, and fractions of a fen, naming the field; writes nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'GRANT', grant: { funder: 'NSFC', level: 'NATIONAL', amountFen: 100 }, paper: { journal: 'X', authorRole: 'FIRST' } }, 'paper'],
      [{ kind: 'PAPER' }, 'paper'],
      [{ kind: 'GRANT', grant: { funder: ' ', level: 'NATIONAL', amountFen: 100 } }, 'grant.funder'],
      [{ kind: 'PAPER', paper: { journal: 'Lancet', authorRole: 'FIRST', impactFactor: -1 } }, 'paper.impactFactor'],
      [{ kind: 'PATENT', patent: { patentType: 'DESIGN' }, title: ' ' }, 'title'],
    ];
    for (const [input, field] of cases) {
      const r = await h.gql(admin, RECORD, { i: { talentId: talentA, title: 'T', achievedOn: '2024-02-02', ...input } });
      expect(r.body.errors?.[0]?.extensions, JSON.stringify(r.body)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const fraction = await h.gql(admin, RECORD, { i: { talentId: talentA, kind: 'GRANT', title: 'T', achievedOn: '2024-02-02', grant: { funder: 'NSFC', level: 'NATIONAL', amountFen: 10.5 } } });
    expect(fraction.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fraction.body.errors?.[0]?.message).toContain('amountFen');
    expect(await count()).toBe(before);
  });

  it('a talent records their own; another unit cannot see or write them; only the unit or commission verifies', async () => {
    const self = await h.token('alpha', 'talent', { talentId: talentA, unitId: unitA });
    const own = await h.ok(self, RECORD, { i: { talentId: talentA, kind: 'PATENT', title: '一种导管固定装置', achievedOn: '2024-03-03', patent: { patentType: 'UTILITY_MODEL' } } });
    const coordB = await h.token('alpha', 'unit-coordinator', { unitId: unitB });
    const foreign = await h.gql(coordB, RECORD, { i: { talentId: talentA, kind: 'PATENT', title: 'x', achievedOn: '2024-03-03', patent: { patentType: 'DESIGN' } } });
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await h.ok(coordB, `{ researchOutputs { totalCount } }`)).researchOutputs.totalCount).toBe(0);
    const v = await h.gql(self, `mutation($id: ID!) { verifyResearchOutput(id: $id) { verified } }`, { id: own.recordResearchOutput.id });
    expect(v.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const coordA = await h.token('alpha', 'unit-coordinator', { unitId: unitA });
    expect((await h.ok(coordA, `mutation($id: ID!) { verifyResearchOutput(id: $id) { verified } }`, { id: own.recordResearchOutput.id })).verifyResearchOutput.verified).toBe(true);
  });
});
