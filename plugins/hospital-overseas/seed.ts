/**
 * Demo data for `npm start` in the Wuhan Union Hospital tenant, written through the same services
 * as requests (the seed runs in a transaction): plans since 2016 with the three channels; ten
 * returned stays across them, appraised before, during and after with every grade and consequence;
 * their research output before and after (the award plan's stays gain most, as seed 000 found for
 * performance appraisal); two staff abroad now; this year's applications (eligible, ineligible, a
 * waived age limit); experts from abroad and their lectures. People are invented; departments,
 * hosts and channels are real. Idempotent: nothing is done when the 2016 plan exists.
 */
import {
  ApplicationStatus,
  Programme,
  ProgrammeStatus,
  Report,
  Degree,
  EnglishLevel,
  Gender,
  Talent,
  TitleGrade,
  addDays,
  addMonths,
  demoInstitution,
  demoTalent,
  decideApplication,
  recordResearchOutput,
  reviewReport,
  submitApplication,
  submitReport,
  updatePlacementDates,
  waiveCriterion,
  type CalendarDate,
  type RequestContext,
  type SeedContext,
} from '../../src/index.js';
import type { HospitalConfig } from './config.js';
import { AppraisalPeriod as P, PERIOD_ORDER } from './domain.js';
import { appraise, createPlan, placeStay, recordExpertVisit, recordLecture } from './api/service.js';
import { HospitalStay } from './entities/index.js';

const HOSTS: [string, string, string][] = [
  ['Johns Hopkins Hospital', 'US', 'Baltimore'],
  ['Massachusetts General Hospital', 'US', 'Boston'],
  ['University of Pittsburgh Medical Center', 'US', 'Pittsburgh'],
  ['MD Anderson Cancer Center', 'US', 'Houston'],
  ['Karolinska University Hospital', 'SE', 'Stockholm'],
  ['Heidelberg University Hospital', 'DE', 'Heidelberg'],
  ['Toronto General Hospital', 'CA', 'Toronto'],
  ['The University of Tokyo Hospital', 'JP', 'Tokyo'],
];

/** Uniform indicator scores that land on each grade (local default thresholds 90/75/60). */
const SCORE = { excellent: 94, good: 82, pass: 66, fail: 50 } as const;

/** Output as [kind, months from the start (negative) or after the end (positive)]; 'P' SCI paper, 'p' Chinese-core paper, 'G' grant, 'A' award, 'T' patent, 'C' new technique. */
type Out = [string, number];
interface Stay {
  name: string;
  gender: Gender;
  birth: string;
  department: string;
  channel: 'state_sponsored' | 'award_2012' | 'eight_year_2014';
  host: number;
  start: CalendarDate;
  months: number;
  grade: keyof typeof SCORE;
  outputs: Out[];
}

const RETURNED: Stay[] = [
  { name: '刘建国', gender: Gender.MALE, birth: '1978-04-12', department: '心血管内科', channel: 'state_sponsored', host: 0, start: '2016-09-01', months: 12, grade: 'good', outputs: [['P', -10], ['p', -5], ['P', 6], ['C', 9], ['p', 15]] },
  { name: '周敏', gender: Gender.FEMALE, birth: '1981-09-03', department: '呼吸与危重症医学科', channel: 'state_sponsored', host: 4, start: '2017-03-01', months: 6, grade: 'pass', outputs: [['p', -8], ['p', 10]] },
  { name: '孙浩', gender: Gender.MALE, birth: '1983-01-20', department: '消化内科', channel: 'state_sponsored', host: 1, start: '2019-09-01', months: 12, grade: 'good', outputs: [['P', -14], ['P', 8], ['G', 12]] },
  { name: '陈思远', gender: Gender.MALE, birth: '1980-05-01', department: '心血管内科', channel: 'award_2012', host: 0, start: '2016-10-01', months: 12, grade: 'excellent', outputs: [['P', -12], ['p', -3], ['P', 3], ['P', 7], ['G', 9], ['C', 11], ['P', 20]] },
  { name: '黄蕾', gender: Gender.FEMALE, birth: '1982-11-15', department: '肿瘤中心', channel: 'award_2012', host: 3, start: '2017-09-01', months: 12, grade: 'excellent', outputs: [['P', -6], ['P', 4], ['P', 10], ['G', 14], ['A', 22], ['T', 18]] },
  { name: '吴迪', gender: Gender.MALE, birth: '1979-07-07', department: '骨科', channel: 'award_2012', host: 2, start: '2019-03-01', months: 12, grade: 'good', outputs: [['p', -9], ['P', 5], ['T', 13], ['C', 16]] },
  { name: '郑凯', gender: Gender.MALE, birth: '1984-03-28', department: '神经外科', channel: 'award_2012', host: 6, start: '2020-09-01', months: 12, grade: 'fail', outputs: [['P', -7]] },
  { name: '王一凡', gender: Gender.FEMALE, birth: '1990-07-01', department: '肿瘤中心', channel: 'eight_year_2014', host: 5, start: '2017-09-01', months: 12, grade: 'good', outputs: [['P', 6], ['P', 14]] },
  { name: '李沐阳', gender: Gender.MALE, birth: '1991-02-14', department: '血液科', channel: 'eight_year_2014', host: 4, start: '2018-09-01', months: 24, grade: 'excellent', outputs: [['P', -4], ['P', 2], ['P', 9], ['G', 11], ['P', 19]] },
  { name: '赵婧', gender: Gender.FEMALE, birth: '1993-10-09', department: '麻醉科', channel: 'eight_year_2014', host: 7, start: '2021-09-01', months: 12, grade: 'pass', outputs: [['p', 12]] },
];

const EXPERTS: [string, string, string, string, CalendarDate, string[], [string, string, number][]][] = [
  ['Prof. Michael Carter', 'Professor of Cardiology', 'Johns Hopkins University', 'US', '2023-04-10', ['心血管内科'], [['Advances in transcatheter valve therapy', '心血管内科', 186], ['Heart team decision-making', '心脏大血管外科', 72]]],
  ['Prof. Anna Lindqvist', 'Professor of Respiratory Medicine', 'Karolinska Institutet', 'SE', '2023-09-18', ['呼吸与危重症医学科'], [['ECMO in severe ARDS', '呼吸与危重症医学科', 143]]],
  ['Prof. Hiroshi Tanaka', 'Chair of Anesthesiology', 'The University of Tokyo', 'JP', '2024-05-13', ['麻醉科'], [['Enhanced recovery after surgery', '麻醉科', 98], ['Regional anesthesia workshop', '麻醉科', 40]]],
  ['Prof. Thomas Becker', 'Director of Medical Oncology', 'Heidelberg University Hospital', 'DE', '2024-10-21', ['肿瘤中心', '血液科'], [['Precision oncology in practice', '肿瘤中心', 215], ['CAR-T: lessons from Europe', '血液科', 88]]],
  ['Dr. Sarah Mitchell', 'Professor of Surgical Oncology', 'MD Anderson Cancer Center', 'US', '2025-06-02', ['普外科', '肿瘤中心'], [['Multidisciplinary care of pancreatic cancer', '普外科', 164]]],
];

export async function seedHospital(ctx: SeedContext<HospitalConfig>): Promise<void> {
  const em = ctx.em;
  if (await em.findOne(Programme, { code: 'HO-2016' })) return;
  const r = ctx.request;
  const today = ctx.today();
  const union = await demoInstitution(em, { name: '华中科技大学同济医学院附属协和医院', nameEn: 'Union Hospital, Tongji Medical College, Huazhong University of Science and Technology', dispatching: true, province: '湖北省', city: '武汉市', level: 'grade-3A' });
  const hosts = [];
  for (const [name, country, city] of HOSTS) hosts.push(await demoInstitution(em, { name, nameEn: name, host: true, country, city }));
  await em.flush();
  const person = (name: string, gender: Gender, birthDate: string, department: string, eightYear = false) =>
    demoTalent(em, { name, gender, birthDate, department, unit: union, titleGrade: eightYear ? TitleGrade.INTERMEDIATE : TitleGrade.ASSOCIATE_SENIOR, highestDegree: Degree.DOCTORATE, englishSelfDeclared: EnglishLevel.GOOD, talentProgrammes: eightYear ? ['eight_year_graduate'] : [] });

  const plans = new Map<number, string>();
  const planOf = async (year: number) => {
    if (!plans.has(year)) plans.set(year, (await createPlan(r, { year, referenceDate: `${year}-03-01`, open: true })).id);
    return plans.get(year)!;
  };
  for (const s of RETURNED) {
    const t = person(s.name, s.gender, s.birth, s.department, s.channel === 'eight_year_2014');
    await em.flush();
    const end = addDays(addMonths(s.start, s.months), -1);
    const stayId = await send(r, await planOf(Number(s.start.slice(0, 4))), t, s.channel, hosts[s.host]!.id, s.start, end);
    for (const period of PERIOD_ORDER) await appraiseAll(r, stayId, period, period === P.BEFORE ? addDays(s.start, -10) : period === P.DURING ? addMonths(s.start, Math.floor(s.months / 2)) : addMonths(end, 3), SCORE[s.grade]);
    for (const [i, [kind, months]] of s.outputs.entries()) await output(r, t, kind, months < 0 ? addMonths(s.start, months) : addMonths(end, months), i);
  }

  // Abroad now, through this year's plan; and this year's applications.
  const year = Number(today.slice(0, 4));
  const current = await planOf(year);
  const he = person('何静', Gender.FEMALE, '1986-06-18', '儿科');
  const xu = person('许志强', Gender.MALE, '1985-12-02', '普外科');
  await em.flush();
  const heStay = await send(r, current, he, 'award_2012', hosts[1]!.id, addDays(today, -120), addDays(addMonths(addDays(today, -120), 12), -1), true);
  await appraiseAll(r, heStay, P.BEFORE, addDays(today, -130), 88);
  await send(r, current, xu, 'state_sponsored', hosts[2]!.id, addDays(today, -30), addDays(addMonths(addDays(today, -30), 6), -1), true);
  const ma = person('马骁', Gender.MALE, '1988-03-03', '泌尿外科');
  const liu = person('刘畅', Gender.FEMALE, '1987-08-08', '皮肤科');
  const cheng = person('程远', Gender.MALE, '1975-01-15', '肝胆外科');
  await em.flush();
  await submitApplication(r, { programmeId: current, talentId: ma.id, track: 'award_2012' });
  await submitApplication(r, { programmeId: current, talentId: liu.id, track: 'eight_year_2014' }); // not an eight-year graduate
  const waived = await submitApplication(r, { programmeId: current, talentId: cheng.id, track: 'award_2012' }); // over 45
  await waiveCriterion(r, { applicationId: waived.id, code: 'AGE_OVER_CAP', reason: '肝胆外科学科带头人，经院长办公会研究同意放宽年龄' });
  for (const [y, id] of plans) if (y < year) (await em.findOneOrFail(Programme, id)).status = ProgrammeStatus.CLOSED;

  for (const [expertName, expertTitle, affiliation, country, arrivesOn, departments, lectures] of EXPERTS) {
    const visit = await recordExpertVisit(r, { expertName, expertTitle, affiliation, country, arrivesOn, departsOn: addDays(arrivesOn, 4), departments, purpose: '学术讲座、教学查房与病例讨论' });
    for (const [i, [title, department, attendance]] of lectures.entries()) await recordLecture(r, { visitId: visit.id, title, heldOn: addDays(arrivesOn, 1 + i), department, attendance });
  }
}

/** Apply, select, place; past stays get their dates and an accepted summary report. Returns the stay's id. */
async function send(r: RequestContext, programmeId: string, t: Talent, channel: string, hostId: string, start: CalendarDate, end: CalendarDate, current = false): Promise<string> {
  const application = await submitApplication(r, { programmeId, talentId: t.id, track: channel });
  await decideApplication(r, application.id, ApplicationStatus.SELECTED, '院长办公会审定');
  const stay = await placeStay(r, { applicationId: application.id, hostInstitutionId: hostId, plannedStart: start, plannedEnd: end });
  await updatePlacementDates(r, stay.placement.id, current ? { actualStart: start } : { actualStart: start, actualEnd: end });
  if (!current) {
    const report = await r.em.findOneOrFail(Report, { placement: stay.placement.id, kind: 'summary' });
    await submitReport(r, report.id, `${t.name}出国研修总结：研修内容、主要收获、回院后工作设想。`);
    await reviewReport(r, report.id, true, null);
  }
  return stay.id;
}

async function appraiseAll(r: RequestContext, stayId: string, period: P, appraisedOn: CalendarDate, score: number): Promise<void> {
  const { config } = await r.plugin<HospitalConfig>('hospital-overseas');
  const stay = await r.em.findOneOrFail(HospitalStay, stayId);
  const indicators = config.appraisalSchemes[stay.appraisalScheme]!.periods[period].indicators;
  await appraise(r, { stayId, period, appraisedOn, scores: indicators.map((i) => ({ indicator: i.code, score })), note: null });
}

const JOURNALS = ['Circulation', 'Journal of Clinical Oncology', 'Blood', 'Gastroenterology', 'Anesthesiology', 'Journal of Bone and Joint Surgery'];
async function output(r: RequestContext, t: Talent, kind: string, achievedOn: CalendarDate, i: number): Promise<void> {
  const title = { P: '临床研究论文', p: '中文核心期刊论文', G: '国家自然科学基金面上项目', A: '湖北省科技进步奖', T: '一种手术辅助装置', C: '院内首例新技术' }[kind]!;
  const detail =
    kind === 'P' ? { kind: 'paper', paper: { journal: JOURNALS[i % JOURNALS.length]!, indexing: ['sci', 'pubmed'], impactFactor: 3 + ((i * 7) % 11), authorRole: i % 2 ? 'corresponding' : 'first' } }
    : kind === 'p' ? { kind: 'paper', paper: { journal: '中华医学杂志', indexing: ['pku_core', 'cstpcd'], authorRole: 'first' } }
    : kind === 'G' ? { kind: 'grant', grant: { funder: '国家自然科学基金委员会', level: 'national', amountFen: 55_000_000 } }
    : kind === 'A' ? { kind: 'award', award: { awardingBody: '湖北省人民政府', level: 'provincial', grade: '二等奖' } }
    : kind === 'T' ? { kind: 'patent', patent: { patentType: 'utility_model', office: '国家知识产权局' } }
    : { kind: 'clinical_technique', technique: { department: t.department ?? '', level: 'provincial' } };
  await recordResearchOutput(r, { talentId: t.id, title: `${title}（${achievedOn.slice(0, 4)}）`, achievedOn, ...(detail as Record<string, unknown>) } as never);
}
