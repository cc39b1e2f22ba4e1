import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AdminLevel,
  Degree,
  Field,
  Gender,
  Institution,
  Outcome,
  Profession,
  Programme,
  ProgrammeStatus,
  ProgrammeTrack,
  Report,
  TitleGrade,
  Application,
  ApplicationStatus,
  ReportStatus,
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  demoInstitution,
  demoTalent,
  type CalendarDate,
  type TenantContext,
} from '../../src/index.js';
import { PLUGIN_KEY, type CountyConfig } from './config.js';
import { ActivityKind, CareKind, CaseRole, CompetencyItem, GrowthKind, RoundStatus, StageKind } from './domain.js';
import { CountyApprentice, CountyCareRecord, CountyCaseLogEntry, CountyCompetencyCheck, CountyMentor, CountyPlan, CountyPlanStage, CountyProgress, CountyRetentionCheck, CountyRound } from './entities/index.js';
import { confirmPair, runMatching } from './api/pairing.js';
import { pairingReminders } from './rules/reminders.js';
import { SCHEME_FIELDS } from './rules/scheme.js';
import { tierFor } from './rules/people.js';

/**
 * Demo data for `npm start` (idempotent: nothing happens once a `YP-PAIR-…` round exists).
 * A county of Yuping's shape (seed 004), in Chinese and dated relative to the day it is first
 * seeded: a two-year round that ended about two months ago, 36 mentors and 63 apprentices across
 * the five fields in two tiers, matched by deferred acceptance and confirmed; a three-stage plan
 * per pair, "from shallow to deep"; case logs whose totals match the seed's figures (320+ grade-1/2
 * operations done independently, 80+ grade-3 under guidance), mostly signed off and a few pending;
 * 20+ conferences, 8 new technologies and projects, 3 department heads and 24 backbones at the
 * county hospitals, competency checks at the end, 激励关爱 records and retention checks. Nothing is
 * dated after today; the history's reports are handed in, so the few still owed are the last
 * sign-offs and competency checks of a handful of pairs. Names are invented.
 *
 * Try it: `npm run token -- --tenant yuping --role mentor --talent <a mentor's talent id>`.
 */
export const DEMO_ROUND_PREFIX = 'YP-PAIR-';

const PROFESSION: Record<string, Profession> = {
  western_medicine: Profession.DOCTOR,
  tcm: Profession.DOCTOR,
  nursing: Profession.NURSE,
  pharmacy: Profession.PHARMACIST,
  medical_technology: Profession.TECHNICIAN,
};
const FIELD_ZH: Record<string, string> = { western_medicine: '西医', tcm: '中医', nursing: '护理', pharmacy: '药学', medical_technology: '医技' };
/** Mentors and apprentices per field (63 apprentices; mentors of capacity 2 have room for all but a few). */
const PEOPLE: Record<string, { mentors: number; apprentices: number; dept: string }> = {
  western_medicine: { mentors: 13, apprentices: 24, dept: '普外科' },
  tcm: { mentors: 6, apprentices: 10, dept: '中医内科' },
  nursing: { mentors: 7, apprentices: 13, dept: '护理部' },
  pharmacy: { mentors: 4, apprentices: 7, dept: '药剂科' },
  medical_technology: { mentors: 6, apprentices: 9, dept: '医学影像科' },
};
/** Surnames common in Yuping (Dong and Han) and given names; every person gets a distinct name. */
const SURNAMES = ['杨', '吴', '龙', '田', '姚', '蒲', '石', '罗', '张', '李', '王', '刘', '陈', '周', '徐', '孙', '麻', '胡', '郭', '何'];
const GIVEN = ['敏', '杰', '红', '英', '磊', '芳', '军', '丽', '萍', '强', '艳', '慧', '波', '鑫', '涛', '秀英', '建华', '春燕', '志刚', '玉兰'];
const nameOf = (k: number) => `${SURNAMES[k % SURNAMES.length]}${GIVEN[(Math.floor(k / SURNAMES.length) + k) % GIVEN.length]}`;

/** Deterministic pseudo-random numbers, so the demo is the same at every start. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % n;
  };
}

const institution = (em: EntityManager, name: string, nameEn: string, host: boolean) =>
  demoInstitution(em, { name, nameEn, dispatching: true, host, province: 'Guizhou', city: 'Tongren', adminLevel: AdminLevel.COUNTY, region: 'yuping', level: host ? 'grade-2A' : null });

const at = (day: CalendarDate) => new Date(`${day}T10:00:00+08:00`);
const min = (a: CalendarDate, b: CalendarDate) => (compareDates(a, b) <= 0 ? a : b);

export async function seedCounty(ctx: TenantContext<CountyConfig>): Promise<void> {
  const em = ctx.em;
  if (await em.count(CountyRound, { code: { $like: `${DEMO_ROUND_PREFIX}%` } })) return;
  const pick = rng(4);
  const today = ctx.today();
  // A two-year round that ended about two months ago.
  const START = addMonths(`${today.slice(0, 8)}01`, -26);
  const END = addDays(addMonths(START, 24), -1);
  const SUPERVISED = addMonths(START, 3);
  const INDEPENDENT = addMonths(START, 12);
  const LATE = addDays(END, -90); // entries after this day of the few slow pairs still await sign-off
  const code = `${DEMO_ROUND_PREFIX}${START.slice(0, 4)}`;

  const peoples = await institution(em, '玉屏侗族自治县人民医院', "Yuping County People's Hospital", true);
  const tcmHospital = await institution(em, '玉屏侗族自治县中医医院', 'Yuping County TCM Hospital', true);
  const maternal = await institution(em, '玉屏侗族自治县妇幼保健院', 'Yuping County Maternal and Child Health Hospital', false);
  const townships = [
    await institution(em, '玉屏县朱家场镇卫生院', 'Zhujiachang Township Health Centre', false),
    await institution(em, '玉屏县田坪镇卫生院', 'Tianping Township Health Centre', false),
    await institution(em, '玉屏县新店镇卫生院', 'Xindian Township Health Centre', false),
  ];

  const programme = em.create(Programme, { scheme: PLUGIN_KEY, code, name: `玉屏县医疗卫生人才师带徒结对培养（${START.slice(0, 4)}年）`, year: Number(START.slice(0, 4)), status: ProgrammeStatus.OPEN, opensOn: addDays(START, -50), referenceDate: START });
  for (const f of SCHEME_FIELDS) em.create(ProgrammeTrack, { programme, code: f, name: FIELD_ZH[f]! });
  const round = em.create(CountyRound, { programme, code, name: programme.name, year: programme.year!, pairingStart: START, pairingEnd: END });

  let n = 0;
  const person = (field: string, unit: Institution, title: TitleGrade, born: string) =>
    demoTalent(em, {
      name: nameOf(n),
      gender: n++ % 3 === 0 ? Gender.MALE : Gender.FEMALE,
      birthDate: born,
      unit,
      department: PEOPLE[field]!.dept,
      field: field as Field,
      profession: PROFESSION[field]!,
      titleGrade: title,
      highestDegree: Degree.BACHELOR,
    });

  const mentors: CountyMentor[] = [];
  const apprentices: CountyApprentice[] = [];
  for (const field of SCHEME_FIELDS) {
    const { mentors: nm, apprentices: na, dept } = PEOPLE[field]!;
    for (let i = 0; i < nm; i++) {
      const unit = field === 'tcm' ? tcmHospital : field === 'nursing' && i % 3 === 2 ? maternal : peoples;
      const t = person(field, unit, i % 2 ? TitleGrade.SENIOR : TitleGrade.ASSOCIATE_SENIOR, `197${i % 10}-0${1 + (i % 9)}-1${i % 10}`);
      mentors.push(em.create(CountyMentor, { round, talentId: t.id, unit, displayName: t.name, department: dept, field: field as Field, capacity: i % 5 === 4 ? 1 : 2 }));
    }
    for (let i = 0; i < na; i++) {
      const unit = i % 2 ? peoples : townships[i % townships.length]!;
      const t = person(field, unit, i % 3 ? TitleGrade.JUNIOR : TitleGrade.INTERMEDIATE, `199${i % 10}-1${i % 3}-0${1 + (i % 9)}`);
      const application = em.create(Application, {
        programme,
        track: field,
        talent: t,
        unit,
        status: ApplicationStatus.ELIGIBLE,
        eligibility: { eligible: true, reasons: [], priorityGroups: [], rule: `${PLUGIN_KEY}/county-apprentice-eligibility`, configVersion: 0, decidedOn: addDays(START, -40) },
        submittedAt: at(addDays(START, -40)),
      });
      apprentices.push(em.create(CountyApprentice, { round, talent: t, unit, application, displayName: t.name, field: field as Field, tier: tierFor(t.titleGrade, ctx.config) }));
    }
  }
  // Two-way selection: apprentices rank up to three mentors of their field, mentors rank every applicant of theirs.
  for (const a of apprentices) {
    const mine = mentors.filter((m) => m.field === a.field);
    a.ranking = [...new Set([0, 1, 2].map(() => mine[pick(mine.length)]!.id))];
  }
  for (const m of mentors) {
    const mine = apprentices.filter((a) => a.field === m.field).map((a) => a.id);
    m.ranking = mine.map((id) => ({ id, k: pick(1000) })).sort((x, y) => x.k - y.k).map((x) => x.id);
  }
  await em.flush();
  const pairs = await runMatching(em, round, at(addDays(START, -9)));
  const { config } = ctx;
  const byApprentice = new Map(apprentices.map((a) => [a.id, a]));
  const wmPairs = pairs.filter((p) => byApprentice.get(p.apprentice.id)!.field === Field.WESTERN_MEDICINE).length;
  const perPairIndependent = Math.ceil(330 / Math.max(1, wmPairs)); // the seed: 320+ grade-1/2 operations done independently
  const perPairGuided = Math.ceil(85 / Math.max(1, wmPairs)); // the seed: 80+ grade-3 operations under guidance
  const span = Math.max(1, daysBetween(SUPERVISED, min(END, today)));
  let ops = 0;
  let conferences = 0;
  let technologies = 0;
  let heads = 0;
  let backbones = 0;
  for (const [i, pair] of pairs.entries()) {
    const placement = await confirmPair(em, pair, round);
    const apprentice = byApprentice.get(pair.apprentice.id)!;
    const slow = i % 10 === 0; // a few pairs whose last sign-offs and competency check are still owed
    const dept = PEOPLE[apprentice.field]!.dept;
    const plan = em.create(CountyPlan, { pair, talent: apprentice.talent, unit: apprentice.unit, title: `${dept}师带徒培养计划：由浅入深，从理论到独立操作`, writtenBy: 'seed' });
    const stages = [
      { kind: StageKind.THEORY, startsOn: START, endsOn: addDays(SUPERVISED, -1), target: 12, code: 'lectures', description: '理论知识学习（导师授课）' },
      { kind: StageKind.SUPERVISED_PRACTICE, startsOn: SUPERVISED, endsOn: addDays(INDEPENDENT, -1), target: 10, code: 'guided_cases', description: '在导师指导下完成病例' },
      { kind: StageKind.INDEPENDENT_PRACTICE, startsOn: INDEPENDENT, endsOn: END, target: 15, code: 'independent_cases', description: '独立完成病例' },
    ].map((s, position) =>
      em.create(CountyPlanStage, { plan, talent: apprentice.talent, unit: apprentice.unit, position: position + 1, kind: s.kind, startsOn: s.startsOn, endsOn: s.endsOn, targets: [{ code: s.code, description: s.description, target: s.target }] }),
    );
    em.create(CountyProgress, { stage: stages[0]!, talent: apprentice.talent, unit: apprentice.unit, targetCode: 'lectures', amount: 12, recordedOn: addDays(SUPERVISED, -1), recordedBy: 'seed' });
    // Reports as the core's syncReports would make them (no request context at seed time); the
    // history's are handed in, except the last sign-offs and the competency check of the slow pairs.
    for (const due of pairingReminders({ start: START, end: END, stages, signOffEveryMonths: config.signOffEveryMonths, stageReviewAfterDays: config.stageReviewAfterDays, competencyCheckWithinDays: config.competencyCheckWithinDays })) {
      const owed = compareDates(due.dueOn, today) > 0 || (slow && ((due.kind === 'case_log_signoff' && compareDates(due.dueOn, LATE) > 0) || due.kind === 'competency_check'));
      em.create(Report, {
        placement, talent: apprentice.talent, unit: apprentice.unit, kind: due.kind, sequence: due.sequence ?? 1, title: due.title, dueOn: due.dueOn,
        ...(owed ? {} : { status: ReportStatus.SUBMITTED, submittedAt: at(min(due.dueOn, today)), content: due.kind === 'competency_check' ? '结业能力考核已完成' : '已审签' }),
      });
    }
    // Case logs: surgical fields log operations; the others their own kinds. Never after today or the end.
    const log = (kind: ActivityKind, grade: number | null, role: CaseRole, k: number) => {
      const performedOn = addDays(SUPERVISED, (k * 37 + i * 5) % span);
      const signed = !slow || compareDates(performedOn, LATE) <= 0;
      em.create(CountyCaseLogEntry, {
        pair,
        talent: apprentice.talent,
        unit: apprentice.unit,
        kind,
        grade,
        role,
        performedOn,
        caseReference: `YP${performedOn.slice(0, 4)}-${String(i).padStart(2, '0')}${String(k).padStart(3, '0')}`,
        signedOffAt: signed ? at(min(addDays(performedOn, 20), today)) : null,
        signedOffBy: signed ? pair.mentor : null,
      });
    };
    if (apprentice.field === Field.WESTERN_MEDICINE) {
      let k = 0;
      for (; k < perPairIndependent; k++) log(ActivityKind.OPERATION, 1 + (k % 2), CaseRole.INDEPENDENT, k);
      for (; k < perPairIndependent + perPairGuided; k++) log(ActivityKind.OPERATION, 3, CaseRole.UNDER_GUIDANCE, k);
      log(ActivityKind.OPERATION, 4, CaseRole.ASSISTING, k++);
      log(ActivityKind.PROCEDURE, 2, CaseRole.INDEPENDENT, k++);
      ops += perPairIndependent;
    } else {
      const kinds: Record<string, ActivityKind[]> = {
        tcm: [ActivityKind.TCM_CONSULTATION, ActivityKind.ACUPUNCTURE],
        nursing: [ActivityKind.NURSING_CARE, ActivityKind.HEALTH_EDUCATION],
        pharmacy: [ActivityKind.PRESCRIPTION_REVIEW, ActivityKind.MEDICATION_CONSULTATION],
        medical_technology: [ActivityKind.IMAGING_REPORT, ActivityKind.LAB_TEST],
      };
      for (let k = 0; k < 8; k++) log(kinds[apprentice.field]![k % 2]!, null, k < 3 ? CaseRole.UNDER_GUIDANCE : CaseRole.INDEPENDENT, k);
    }
    // Growth: conferences, new technologies and projects, promotions.
    const outcome = (category: GrowthKind, title: string, achievedOn: CalendarDate, level: AdminLevel | null = null) =>
      em.create(Outcome, { talent: apprentice.talent, unit: apprentice.unit, placement, category, title, achievedOn: min(achievedOn, today), level, verified: true });
    if (i % 2 === 0 && conferences < 22) {
      outcome(GrowthKind.CONFERENCE, ['贵州省医学会学术年会', '铜仁市继续医学教育学术会议', '玉屏县临床技能交流会'][conferences % 3]!, addDays(addMonths(START, 6), conferences * 23), [AdminLevel.PROVINCE, AdminLevel.CITY, AdminLevel.COUNTY][conferences % 3]!);
      conferences++;
    }
    if (i % 7 === 3 && technologies < 8) {
      outcome(technologies % 2 ? GrowthKind.NEW_PROJECT : GrowthKind.NEW_TECHNOLOGY, `${dept}开展新技术新项目（第${technologies + 1}项）`, addDays(INDEPENDENT, technologies * 29));
      technologies++;
    }
    if (heads < 3 && i % 13 === 5) {
      outcome(GrowthKind.PROMOTION_DEPARTMENT_HEAD, `${dept}负责人`, addDays(END, -70));
      em.create(CountyCareRecord, { talent: apprentice.talent, unit: apprentice.unit, kind: CareKind.INCENTIVE, title: '县级优秀学员表彰', givenOn: addDays(END, 20), amountFen: 300_000 });
      heads++;
    } else if (backbones < 24 && i % 5 !== 0) {
      outcome(GrowthKind.PROMOTION_DEPARTMENT_BACKBONE, `${dept}业务骨干`, addMonths(START, 16));
      backbones++;
    }
    // 激励关爱: care visits, political-quality and business-ability support.
    if (i % 3 === 0) em.create(CountyCareRecord, { talent: apprentice.talent, unit: apprentice.unit, kind: CareKind.CARE, title: '春节走访慰问', givenOn: addMonths(START, 11), amountFen: 50_000 });
    if (i % 4 === 1) em.create(CountyCareRecord, { talent: apprentice.talent, unit: apprentice.unit, kind: CareKind.POLITICAL_QUALITY, title: '政治理论学习专题培训', givenOn: addMonths(START, 4) });
    if (i % 6 === 2) em.create(CountyCareRecord, { talent: apprentice.talent, unit: apprentice.unit, kind: CareKind.BUSINESS_ABILITY, title: '选派参加省级继续医学教育项目', givenOn: addMonths(START, 18) });
    // The competency check at the end (not yet for the slow pairs).
    if (!slow) {
      const items = Object.values(CompetencyItem).map((item) => ({ item, met: !(i % 17 === 3 && item === CompetencyItem.CRITICAL_CARE), note: null }));
      em.create(CountyCompetencyCheck, { pair, talent: apprentice.talent, unit: apprentice.unit, checkedOn: min(addDays(END, 10), today), items, passed: items.every((x) => x.met), examiner: '玉屏县卫生健康局考核组' });
    }
    em.create(CountyRetentionCheck, { talent: apprentice.talent, unit: apprentice.unit, checkedOn: min(addDays(END, 1), today), stillServing: i % 29 !== 11, note: i % 29 === 11 ? '调往铜仁市人民医院' : null });
  }
  programme.status = ProgrammeStatus.CLOSED;
  programme.closesOn = addDays(START, -1);
  round.status = RoundStatus.CONFIRMED;
  round.confirmedAt = at(addDays(START, -4));
  ctx.log.info({ pairs: pairs.length, independentOps: ops, conferences, technologies, heads, backbones }, 'county-pairing demo seeded');
  await em.flush();
}
