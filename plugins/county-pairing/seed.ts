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
  addDays,
  addMonths,
  demoInstitution,
  demoTalent,
  type TenantContext,
} from '../../src/index.js';
import { PLUGIN_KEY, type CountyConfig } from './config.js';
import { ActivityKind, CaseRole, GrowthKind, RoundStatus, StageKind } from './domain.js';
import { CountyApprentice, CountyCaseLogEntry, CountyMentor, CountyPlan, CountyPlanStage, CountyProgress, CountyRetentionCheck, CountyRound } from './entities/index.js';
import { confirmPair, runMatching } from './api/pairing.js';
import { pairingReminders } from './rules/reminders.js';
import { SCHEME_FIELDS } from './rules/scheme.js';
import { tierFor } from './rules/people.js';

/**
 * Demo data for `npm start` (idempotent: nothing happens when the round `YP-PAIR-2023` exists).
 * A county of Yuping's shape (seed 004): 36 mentors and 63 apprentices across the five fields,
 * a two-way selection round matched by deferred acceptance and confirmed, a three-stage plan per
 * pair, case logs whose totals match the seed's figures (320+ grade-1/2 operations done
 * independently, 80+ grade-3 under guidance), 20+ conferences, 8 new technologies and projects,
 * 3 department heads, 24 department backbones and retention checks. Names are invented.
 *
 * Try it: `npm run token -- --tenant yuping --role mentor --talent <a mentor's talent id>`.
 */
export const DEMO_ROUND = 'YP-PAIR-2023';
const START = '2023-03-01';
const END = '2025-02-28';

const PROFESSION: Record<string, Profession> = {
  western_medicine: Profession.DOCTOR,
  tcm: Profession.DOCTOR,
  nursing: Profession.NURSE,
  pharmacy: Profession.PHARMACIST,
  medical_technology: Profession.TECHNICIAN,
};
/** Mentors and apprentices per field (63 apprentices; mentors of capacity 2 have room for all but a few). */
const PEOPLE: Record<string, { mentors: number; apprentices: number; dept: string }> = {
  western_medicine: { mentors: 13, apprentices: 24, dept: 'General surgery' },
  tcm: { mentors: 6, apprentices: 10, dept: 'TCM internal medicine' },
  nursing: { mentors: 7, apprentices: 13, dept: 'Nursing' },
  pharmacy: { mentors: 4, apprentices: 7, dept: 'Pharmacy' },
  medical_technology: { mentors: 6, apprentices: 9, dept: 'Medical imaging' },
};
const SURNAMES = ['Yang', 'Wu', 'Long', 'Tian', 'Yao', 'Pu', 'Shi', 'Luo', 'Zhang', 'Li', 'Wang', 'Liu', 'Chen', 'Zhou', 'Xu', 'Sun', 'Ma', 'Hu', 'Guo', 'He'];
const GIVEN = ['Min', 'Jie', 'Hong', 'Ying', 'Lei', 'Fang', 'Jun', 'Li', 'Ping', 'Qiang', 'Yan', 'Hui', 'Bo', 'Xin', 'Tao'];

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

export async function seedCounty(ctx: TenantContext<CountyConfig>): Promise<void> {
  const em = ctx.em;
  if (await em.count(CountyRound, { code: DEMO_ROUND })) return;
  const pick = rng(4);

  const peoples = await institution(em, '玉屏侗族自治县人民医院', "Yuping County People's Hospital", true);
  const tcmHospital = await institution(em, '玉屏侗族自治县中医医院', 'Yuping County TCM Hospital', true);
  const maternal = await institution(em, '玉屏侗族自治县妇幼保健院', 'Yuping County Maternal and Child Health Hospital', false);
  const townships = [
    await institution(em, '玉屏县朱家场镇卫生院', 'Zhujiachang Township Health Centre', false),
    await institution(em, '玉屏县田坪镇卫生院', 'Tianping Township Health Centre', false),
    await institution(em, '玉屏县新店镇卫生院', 'Xindian Township Health Centre', false),
  ];

  const programme = em.create(Programme, { scheme: PLUGIN_KEY, code: DEMO_ROUND, name: 'Yuping mentor–apprentice pairing 2023', year: 2023, status: ProgrammeStatus.OPEN, opensOn: '2023-01-10', referenceDate: START });
  for (const code of SCHEME_FIELDS) em.create(ProgrammeTrack, { programme, code, name: code.replaceAll('_', ' ') });
  const round = em.create(CountyRound, { programme, code: DEMO_ROUND, name: programme.name, year: 2023, pairingStart: START, pairingEnd: END });

  let n = 0;
  const person = (field: string, unit: Institution, title: TitleGrade, born: string) =>
    demoTalent(em, {
      name: `${SURNAMES[n % SURNAMES.length]} ${GIVEN[(n++ * 7) % GIVEN.length]}`,
      gender: n % 3 === 0 ? Gender.MALE : Gender.FEMALE,
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
        eligibility: { eligible: true, reasons: [], priorityGroups: [], rule: `${PLUGIN_KEY}/county-apprentice-eligibility`, configVersion: 0, decidedOn: '2023-01-20' },
        submittedAt: new Date('2023-01-20T02:00:00Z'),
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
  const pairs = await runMatching(em, round, new Date('2023-02-20T02:00:00Z'));
  const { config } = ctx;
  const byApprentice = new Map(apprentices.map((a) => [a.id, a]));
  const wmPairs = pairs.filter((p) => byApprentice.get(p.apprentice.id)!.field === Field.WESTERN_MEDICINE).length;
  const perPairIndependent = Math.ceil(330 / Math.max(1, wmPairs)); // the seed: 320+ grade-1/2 operations done independently
  const perPairGuided = Math.ceil(85 / Math.max(1, wmPairs)); // the seed: 80+ grade-3 operations under guidance
  let ops = 0;
  let conferences = 0;
  let technologies = 0;
  let heads = 0;
  let backbones = 0;
  for (const [i, pair] of pairs.entries()) {
    const placement = await confirmPair(em, pair, round);
    const apprentice = byApprentice.get(pair.apprentice.id)!;
    const plan = em.create(CountyPlan, { pair, talent: apprentice.talent, unit: apprentice.unit, title: `${PEOPLE[apprentice.field]!.dept}: from theory to independent practice`, writtenBy: 'seed' });
    const stages = [
      { kind: StageKind.THEORY, startsOn: START, endsOn: '2023-05-31', target: 12, code: 'lectures', description: 'Theory sessions with the mentor' },
      { kind: StageKind.SUPERVISED_PRACTICE, startsOn: '2023-06-01', endsOn: '2024-02-29', target: 10, code: 'guided_cases', description: 'Cases under guidance' },
      { kind: StageKind.INDEPENDENT_PRACTICE, startsOn: '2024-03-01', endsOn: END, target: 15, code: 'independent_cases', description: 'Cases done independently' },
    ].map((s, position) =>
      em.create(CountyPlanStage, { plan, talent: apprentice.talent, unit: apprentice.unit, position: position + 1, kind: s.kind, startsOn: s.startsOn, endsOn: s.endsOn, targets: [{ code: s.code, description: s.description, target: s.target }] }),
    );
    em.create(CountyProgress, { stage: stages[0]!, talent: apprentice.talent, unit: apprentice.unit, targetCode: 'lectures', amount: 12, recordedOn: '2023-05-31', recordedBy: 'seed' });
    // Reports as the core's syncReports would make them (no request context at seed time).
    for (const due of pairingReminders({ start: START, end: END, stages, signOffEveryMonths: config.signOffEveryMonths, stageReviewAfterDays: config.stageReviewAfterDays })) {
      em.create(Report, { placement, talent: apprentice.talent, unit: apprentice.unit, kind: due.kind, sequence: due.sequence ?? 1, title: due.title, dueOn: due.dueOn });
    }
    // Case logs: surgical fields log operations; the others their own kinds.
    const log = (kind: ActivityKind, grade: number | null, role: CaseRole, k: number) => {
      const performedOn = addDays('2023-06-01', (k * 17 + i * 5) % 600);
      em.create(CountyCaseLogEntry, {
        pair,
        talent: apprentice.talent,
        unit: apprentice.unit,
        kind,
        grade,
        role,
        performedOn,
        caseReference: `YP${performedOn.slice(0, 4)}-${String(i).padStart(2, '0')}${String(k).padStart(3, '0')}`,
        signedOffAt: performedOn < '2024-12-01' ? new Date(`${addMonths(performedOn, 1)}T10:00:00+08:00`) : null,
        signedOffBy: performedOn < '2024-12-01' ? pair.mentor : null,
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
    const outcome = (category: GrowthKind, title: string, achievedOn: string, level: AdminLevel | null = null) =>
      em.create(Outcome, { talent: apprentice.talent, unit: apprentice.unit, placement, category, title, achievedOn, level, verified: true });
    if (i % 2 === 0 && conferences < 22) {
      outcome(GrowthKind.CONFERENCE, ['Guizhou provincial academic annual meeting', 'Tongren city continuing-education conference', 'Yuping county clinical skills forum'][conferences % 3]!, addDays('2023-09-15', conferences * 23), [AdminLevel.PROVINCE, AdminLevel.CITY, AdminLevel.COUNTY][conferences % 3]!);
      conferences++;
    }
    if (i % 7 === 3 && technologies < 8) {
      outcome(technologies % 2 ? GrowthKind.NEW_PROJECT : GrowthKind.NEW_TECHNOLOGY, `New technology ${technologies + 1} in ${PEOPLE[apprentice.field]!.dept.toLowerCase()}`, addDays('2024-03-01', technologies * 29));
      technologies++;
    }
    if (heads < 3 && i % 13 === 5) {
      outcome(GrowthKind.PROMOTION_DEPARTMENT_HEAD, `Head of ${PEOPLE[apprentice.field]!.dept.toLowerCase()}`, '2024-12-20');
      heads++;
    } else if (backbones < 24 && i % 5 !== 0) {
      outcome(GrowthKind.PROMOTION_DEPARTMENT_BACKBONE, `Business backbone of ${PEOPLE[apprentice.field]!.dept.toLowerCase()}`, '2024-07-01');
      backbones++;
    }
    em.create(CountyRetentionCheck, { talent: apprentice.talent, unit: apprentice.unit, checkedOn: '2025-03-01', stillServing: i % 29 !== 11, note: i % 29 === 11 ? 'Moved to a city hospital' : null });
  }
  programme.status = ProgrammeStatus.CLOSED;
  programme.closesOn = '2023-02-28';
  round.status = RoundStatus.CONFIRMED;
  round.confirmedAt = new Date('2023-02-25T02:00:00Z');
  ctx.log.info({ pairs: pairs.length, independentOps: ops, conferences, technologies, heads, backbones }, 'county-pairing demo seeded');
  await em.flush();
}
