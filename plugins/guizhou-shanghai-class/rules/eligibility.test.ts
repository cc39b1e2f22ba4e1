import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdminLevel, Degree, EnglishLevel, Field, Gender, InstitutionKind, Profession, TitleGrade, type InstitutionFacts, type TalentFacts } from '../../../src/index.js';
import { GuizhouConfig } from '../config.js';
import { guizhouEligibility } from './eligibility.js';

const config = GuizhouConfig.parse({});
const tenant = { key: 'guizhou', name: 'Guizhou Provincial Health Commission', nameZh: '贵州省卫生健康委员会', regions: ['guizhou', 'yuping'] };
const talent = (p: Partial<TalentFacts> = {}): TalentFacts => ({
  id: 't', name: 'Wang Fang', gender: Gender.FEMALE, birthDate: '1986-01-01', unitId: 'u', field: Field.WESTERN_MEDICINE, profession: Profession.DOCTOR,
  titleGrade: TitleGrade.INTERMEDIATE, highestDegree: Degree.MASTER, talentProgrammes: [], adminExperienceMonths: 0, englishSelfDeclared: EnglishLevel.BASIC,
  englishAssessed: null, adverseIncidentPrimaryResponsibility: false, ...p,
});
const unit = (p: Partial<InstitutionFacts> = {}): InstitutionFacts => ({
  id: 'u', name: "Guizhou Provincial People's Hospital", kind: InstitutionKind.HOSPITAL, country: 'CN', province: 'Guizhou', city: 'Guiyang',
  adminLevel: AdminLevel.PROVINCE, region: 'guizhou', level: 'grade-3A', qualificationVerified: true, ...p,
});
const onDate = '2022-02-08';
const codes = (t: TalentFacts, u: InstitutionFacts) => guizhouEligibility({ talent: t, unit: u, tenant, onDate }, config).reasons.map((r) => r.code).sort();

describe('guizhouEligibility', () => {
  it('takes a province-level doctor with an intermediate title', () => {
    expect(guizhouEligibility({ talent: talent(), unit: unit(), tenant, onDate }, config)).toEqual({ eligible: true, reasons: [], priorityGroups: [] });
  });

  it('takes staff of a county hospital of a sub-region (yuping is inside guizhou)', () => {
    expect(codes(talent({ profession: Profession.NURSE }), unit({ adminLevel: AdminLevel.COUNTY, region: 'yuping' }))).toEqual([]);
  });

  it('refuses another province, a unit of unknown region, a township unit, a pharmacist, a junior title', () => {
    expect(codes(talent(), unit({ region: 'wenzhou', province: 'Zhejiang' }))).toEqual(['UNIT_OUTSIDE_REGION']);
    expect(codes(talent(), unit({ region: null }))).toEqual(['UNIT_REGION_UNKNOWN']);
    expect(codes(talent(), unit({ adminLevel: AdminLevel.TOWNSHIP }))).toEqual(['UNIT_LEVEL_NOT_ELIGIBLE']);
    expect(codes(talent(), unit({ adminLevel: null }))).toEqual(['UNIT_LEVEL_NOT_ELIGIBLE']);
    expect(codes(talent({ profession: Profession.PHARMACIST }), unit())).toEqual(['PROFESSION_NOT_ELIGIBLE']);
    expect(codes(talent({ titleGrade: TitleGrade.JUNIOR }), unit())).toEqual(['TITLE_BELOW_INTERMEDIATE']);
  });

  it('takes managers: seed 001, "712 discipline backbone and management personnel"', () => {
    expect(codes(talent({ profession: Profession.MANAGER }), unit())).toEqual([]);
  });

  it('has no age rule by default (中青年: the seed gives no number) and applies a cap the commission sets, on the start date', () => {
    expect(config.maxAge).toBeNull();
    const old = talent({ birthDate: '1960-01-01' });
    expect(codes(old, unit())).toEqual([]);
    const capped = { ...config, maxAge: 45 };
    const on = (birthDate: string) => guizhouEligibility({ talent: talent({ birthDate }), unit: unit(), tenant, onDate }, capped).reasons.map((r) => r.code);
    expect(on('1976-02-09')).toEqual([]); // 45 on the day, 46 the next
    expect(on('1976-02-08')).toEqual(['AGE_OVER_CAP']); // 46 on the day
    const [r] = guizhouEligibility({ talent: talent({ birthDate: '1970-01-01' }), unit: unit(), tenant, onDate }, capped).reasons;
    expect(r!.messageZh).toContain('45周岁');
  });

  it('explains itself in English and Chinese', () => {
    const [r] = guizhouEligibility({ talent: talent(), unit: unit({ region: 'wenzhou', province: 'Zhejiang' }), tenant, onDate }, config).reasons;
    expect(r!.message).toContain('Zhejiang');
    expect(r!.messageZh).toContain('不在');
  });

  it('is eligible exactly when every criterion holds, and lists every failed one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(Profession)),
        fc.constantFrom(...Object.values(TitleGrade)),
        fc.option(fc.constantFrom(...Object.values(AdminLevel))),
        fc.option(fc.constantFrom('guizhou', 'yuping', 'wenzhou', 'beijing')),
        (profession, titleGrade, adminLevel, region) => {
          const v = guizhouEligibility({ talent: talent({ profession, titleGrade }), unit: unit({ adminLevel, region }), tenant, onDate }, config);
          const expected = [
            !region ? 'UNIT_REGION_UNKNOWN' : !tenant.regions.includes(region) ? 'UNIT_OUTSIDE_REGION' : null,
            !adminLevel || !config.adminLevels.includes(adminLevel) ? 'UNIT_LEVEL_NOT_ELIGIBLE' : null,
            !config.professions.includes(profession) ? 'PROFESSION_NOT_ELIGIBLE' : null,
            [TitleGrade.NONE, TitleGrade.JUNIOR].includes(titleGrade) ? 'TITLE_BELOW_INTERMEDIATE' : null,
          ].filter(Boolean);
          expect(v.reasons.map((r) => r.code)).toEqual(expected);
          expect(v.eligible).toBe(expected.length === 0);
          expect(v.reasons.every((r) => r.message && r.messageZh)).toBe(true);
        },
      ),
    );
  });
});
