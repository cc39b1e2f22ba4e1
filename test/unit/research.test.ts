import { describe, expect, it } from 'vitest';
import { compareStays, summarise, windowsAround, type OutputFact } from '../../src/core/research.js';
import { PaperIndex, ResearchOutputKind as K } from '../../src/core/research-domain.js';

describe('equal windows around a stay', () => {
  it('the months before the first day away and after the last, the days away in neither', () => {
    expect(windowsAround({ start: '2020-03-01', end: '2021-02-28' }, 24)).toEqual({
      before: { from: '2018-03-01', to: '2020-02-29' },
      after: { from: '2021-03-01', to: '2023-02-28' },
    });
  });
});

describe('output before and after', () => {
  const paper = (talentId: string, achievedOn: string, sci = true, impactFactor = 3.2): OutputFact => ({ talentId, kind: K.PAPER, achievedOn, indexing: sci ? [PaperIndex.SCIE] : [PaperIndex.PKU_CORE], impactFactor });
  const stays = [
    { talentId: 'a', start: '2020-01-01', end: '2020-12-31' },
    { talentId: 'b', start: '2021-01-01', end: '2021-06-30' },
    { talentId: 'c', start: '2024-01-01', end: '2024-12-31' }, // after-window still open on the day asked
  ];
  const outputs: OutputFact[] = [
    paper('a', '2019-06-01'), // before
    paper('a', '2020-06-01'), // while away: neither
    paper('a', '2021-01-01', true, 5.5), // first day after
    { talentId: 'a', kind: K.GRANT, achievedOn: '2021-05-01', amountFen: 80_000_000 },
    paper('a', '2022-01-01'), // a day past the after-window (12 months): not counted
    paper('b', '2020-12-31', false, 0), // the day before leaving
    { talentId: 'b', kind: K.PATENT, achievedOn: '2022-06-30' }, // last day of the after-window
    { talentId: 'b', kind: K.CLINICAL_TECHNIQUE, achievedOn: '2021-09-01' },
    paper('c', '2023-05-01'),
  ];

  it('counts each stay in its own windows and leaves out stays whose after-window is still open', () => {
    const { compared, pending } = compareStays(stays, outputs, 12, '2024-06-30');
    expect(pending.map((s) => s.talentId)).toEqual(['c']);
    const a = compared.find((r) => r.stay.talentId === 'a')!;
    expect(a.before).toMatchObject({ total: 1, papers: 1, sciPapers: 1, impactFactor: 3.2 });
    expect(a.after).toMatchObject({ total: 2, papers: 1, sciPapers: 1, impactFactor: 5.5, grants: 1, grantFen: 80_000_000 });
    const b = compared.find((r) => r.stay.talentId === 'b')!;
    expect(b.before).toMatchObject({ total: 1, papers: 1, sciPapers: 0 });
    expect(b.after).toMatchObject({ total: 2, patents: 1, clinicalTechniques: 1 });
  });

  it('sums a group and gives output per person in each window', () => {
    const { compared } = compareStays(stays, outputs, 12, '2024-06-30');
    const s = summarise(compared);
    expect(s.people).toBe(2);
    expect(s.before.total).toBe(2);
    expect(s.after.total).toBe(4);
    expect(s.perPersonBefore).toBe(1);
    expect(s.perPersonAfter).toBe(2);
    expect(s.before.impactFactor).toBe(3.2);
    expect(summarise([])).toMatchObject({ people: 0, perPersonBefore: null, perPersonAfter: null });
  });
});
