import { describe, expect, it } from 'vitest';
import { TitleGrade } from '../../../src/index.js';
import { CountyConfig } from '../config.js';
import { ApprenticeTier, CompetencyItem } from '../domain.js';
import { checkCompetency, competencyPassed } from './competency.js';
import { mentorQualification, tierFor } from './people.js';

const cfg = CountyConfig.parse({});
const all = (met = true) => Object.values(CompetencyItem).map((item) => ({ item, met }));

describe('tiers, mentors and the competency check (seed 004)', () => {
  it('分层培养: places apprentices in tiers by title (local default)', () => {
    expect([TitleGrade.NONE, TitleGrade.JUNIOR, TitleGrade.INTERMEDIATE, TitleGrade.ASSOCIATE_SENIOR, TitleGrade.SENIOR].map((t) => tierFor(t, cfg))).toEqual([
      ApprenticeTier.FOUNDATION, ApprenticeTier.FOUNDATION, ApprenticeTier.INTERMEDIATE, ApprenticeTier.ADVANCED, ApprenticeTier.ADVANCED,
    ]);
  });

  it('"rich working experience and exquisite professional skills": a mentor holds at least mentorMinTitle, in a scheme field; every failed criterion is listed', () => {
    expect(mentorQualification({ field: 'western_medicine', titleGrade: TitleGrade.ASSOCIATE_SENIOR }, cfg)).toEqual([]);
    expect(mentorQualification({ field: 'management', titleGrade: TitleGrade.INTERMEDIATE }, cfg).map((r) => r.code)).toEqual(['MENTOR_FIELD_NOT_IN_SCHEME', 'MENTOR_TITLE_BELOW_MINIMUM']);
    expect(mentorQualification({ field: 'nursing', titleGrade: TitleGrade.INTERMEDIATE }, { mentorMinTitle: TitleGrade.INTERMEDIATE })).toEqual([]);
  });

  it('the competency check is at the end, never in the future, one result per item; passed when all are met', () => {
    const when = { pairingEnd: '2025-02-28', today: '2025-07-01' };
    expect(checkCompetency({ checkedOn: '2025-03-01', items: all() }, when)).toEqual([]);
    expect(checkCompetency({ checkedOn: '2025-02-27', items: all() }, when).map((p) => p.field)).toEqual(['checkedOn']);
    expect(checkCompetency({ checkedOn: '2025-07-02', items: all() }, when).map((p) => p.field)).toEqual(['checkedOn']);
    expect(checkCompetency({ checkedOn: '2025-03-01', items: [...all(), { item: CompetencyItem.THEORY, met: false }] }, when).map((p) => p.field)).toEqual(['items.4.item']);
    expect(checkCompetency({ checkedOn: '2025-03-01', items: all().slice(1) }, when).map((p) => p.field)).toEqual(['items']);
    expect(competencyPassed(all())).toBe(true);
    expect(competencyPassed([...all().slice(1), { item: CompetencyItem.THEORY, met: false }])).toBe(false);
    expect(competencyPassed([])).toBe(false);
  });
});
