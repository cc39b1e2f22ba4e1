/**
 * Demo data for `npm start` in the PUMCH tenant, through the same services as requests (the
 * seed runs in a transaction): seed 002's delegation — Vice President Han Ding and 14
 * middle-level managers from clinical departments, services and offices, 8 days at Mayo Clinic in
 * November 2019 with its courses, site visits and department exchanges — returned long ago, its
 * report accepted and every action plan done; a second delegation back five weeks ago, with its
 * report overdue and plans done, on track, overdue and not yet filed; a third one planned. The
 * seed gives the month and the length of the 2019 trip, not its days: 10–17 November is assumed.
 * Idempotent: nothing is done when the 2019 programme exists.
 */
import {
  Degree,
  EnglishLevel,
  Field,
  Gender,
  Institution,
  Profession,
  Programme,
  ProgrammeStatus,
  Report,
  Talent,
  TitleGrade,
  TrainingGroupMember,
  addDays,
  addGroupMember,
  demoInstitution,
  demoTalent,
  reviewReport,
  submitReport,
  updateGroupDates,
  type CalendarDate,
  type RequestContext,
  type SeedContext,
} from '../../src/index.js';
import { PLUGIN_KEY, type DelegationConfig } from './config.js';
import { SessionKind as K } from './domain.js';
import { DelegationActionPlan } from './entities/index.js';
import { completeMilestone, createDelegation, fileActionPlan, setItinerary } from './api/service.js';

const PROGRAMME = 'PUMCH-CADRES-2019';

/** [name, gender, department, profession] — invented people in the departments the seed names. */
const MANAGERS_2019: [string, Gender, string, Profession][] = [
  ['李静', Gender.FEMALE, '医务处', Profession.MANAGER],
  ['王建华', Gender.MALE, '门诊部', Profession.MANAGER],
  ['张敏', Gender.FEMALE, '护理部', Profession.NURSE],
  ['刘洋', Gender.MALE, '内分泌科', Profession.DOCTOR],
  ['陈晨', Gender.FEMALE, '心内科', Profession.DOCTOR],
  ['杨帆', Gender.FEMALE, '妇产科', Profession.DOCTOR],
  ['赵磊', Gender.MALE, '神经科', Profession.DOCTOR],
  ['黄丽', Gender.FEMALE, '人力资源处', Profession.MANAGER],
  ['周涛', Gender.MALE, '国际合作处', Profession.MANAGER],
  ['吴昊', Gender.MALE, '信息中心', Profession.MANAGER],
  ['徐婷', Gender.FEMALE, '财务处', Profession.MANAGER],
  ['孙强', Gender.MALE, '后勤保障处', Profession.MANAGER],
  ['马琳', Gender.FEMALE, '药剂科', Profession.PHARMACIST],
  ['朱峰', Gender.MALE, '检验科', Profession.TECHNICIAN],
];
const MANAGERS_LATER: [string, Gender, string, Profession][] = [
  ['郭蕾', Gender.FEMALE, '病案科', Profession.MANAGER],
  ['何伟', Gender.MALE, '保卫处', Profession.MANAGER],
  ['高阳', Gender.MALE, '基本外科', Profession.DOCTOR],
  ['罗佳', Gender.FEMALE, '急诊科', Profession.DOCTOR],
  ['梁晓', Gender.FEMALE, '质量管理处', Profession.MANAGER],
];

/** Seed 002's 8 days: the four courses, three site visits and four department exchanges it names. */
const ITINERARY_2019: [number, K, string, string, string | null][] = [
  [1, K.COURSE, 'History and Culture of Mayo', '梅奥的历史与文化', null],
  [1, K.SITE_VISIT, 'Mayo Clinic Heritage Hall', '梅奥诊所历史文化馆', 'Heritage Hall'],
  [2, K.COURSE, 'Management Mechanisms of Mayo', '梅奥的管理机制', null],
  [3, K.COURSE, 'Patient Safety', '患者安全', null],
  [4, K.COURSE, 'Employee Training and Career Development', '员工培训与职业发展', null],
  [4, K.SITE_VISIT, 'International services', '国际医疗服务', 'Office of International Services'],
  [5, K.SITE_VISIT, 'Center for Innovation', '创新中心', 'Center for Innovation'],
  [5, K.DEPARTMENT_EXCHANGE, 'Endocrinology', '内分泌科交流', 'Department of Endocrinology'],
  [6, K.DEPARTMENT_EXCHANGE, 'Cardiology', '心内科交流', 'Department of Cardiovascular Medicine'],
  [7, K.DEPARTMENT_EXCHANGE, 'Obstetrics & Gynecology', '妇产科交流', 'Department of Obstetrics and Gynecology'],
  [7, K.DEPARTMENT_EXCHANGE, 'Neurology', '神经科交流', 'Department of Neurology'],
  [8, K.COURSE, 'Closing discussion', '结业座谈', null],
];

const PROJECTS = ['门诊患者身份核查流程改进', '员工职业发展通道建设', '多学科会诊流程优化', '国际患者服务窗口建设', '住院患者跌倒风险管理'];

export async function seedDelegations(ctx: SeedContext<DelegationConfig>): Promise<void> {
  const em = ctx.em;
  if (await em.findOne(Programme, { code: PROGRAMME })) return;
  const r = ctx.request;
  const today = ctx.today();
  const pumch = await demoInstitution(em, { name: '北京协和医院', nameEn: 'Peking Union Medical College Hospital', dispatching: true, province: '北京市', city: '北京市', level: 'grade-3A' });
  const mayo = await demoInstitution(em, { name: 'Mayo Clinic', nameEn: 'Mayo Clinic', host: true, country: 'US', city: 'Rochester, MN' });
  const FIELD_OF: Partial<Record<Profession, Field>> = { manager: Field.MANAGEMENT, nurse: Field.NURSING, pharmacist: Field.PHARMACY, technician: Field.MEDICAL_TECHNOLOGY };
  const person = ([name, gender, department, profession]: [string, Gender, string, Profession], i: number) =>
    demoTalent(em, {
      name, gender, department, profession,
      birthDate: `${1968 + (i % 12)}-0${1 + (i % 9)}-1${i % 10}`,
      unit: pumch,
      field: FIELD_OF[profession] ?? Field.WESTERN_MEDICINE,
      titleGrade: TitleGrade.SENIOR,
      highestDegree: Degree.DOCTORATE,
      adminExperienceMonths: 60 + i * 6,
      englishSelfDeclared: EnglishLevel.GOOD,
      talentProgrammes: ['reserve_cadre'],
    });
  const han = person(['韩丁', Gender.MALE, '院领导', Profession.MANAGER], 3);
  const managers2019 = MANAGERS_2019.map(person);
  const managersLater = MANAGERS_LATER.map((m, i) => person(m, i + 20));
  await em.flush();

  for (const year of [2019, Number(today.slice(0, 4))]) {
    const code = year === 2019 ? PROGRAMME : `PUMCH-CADRES-${year}`;
    if (await em.findOne(Programme, { code })) continue;
    em.create(Programme, { scheme: PLUGIN_KEY, code, name: `中层干部海外培训项目（${year}） Overseas Training Program for Middle-level Cadres ${year}`, year, referenceDate: `${year}-01-01`, status: year === 2019 ? ProgrammeStatus.CLOSED : ProgrammeStatus.OPEN });
  }
  await em.flush();
  const programme = async (code: string) => (await em.findOneOrFail(Programme, { code })).id;
  const current = await programme(`PUMCH-CADRES-${today.slice(0, 4)}`);

  // Seed 002: November 2019, 8 days, returned; report accepted, every action plan done.
  const y2019 = await delegation(r, await programme(PROGRAMME), 'PUMCH-MAYO-2019', '北京协和医院中层干部赴梅奥诊所管理培训团（2019年11月）', pumch, mayo, han, managers2019, '2019-11-10');
  await setItinerary(r, y2019, ITINERARY_2019.map(([d, kind, topic, topicZh, hostDepartment]) => ({ day: addDays('2019-11-10', d - 1), kind, topicEn: topic, topicZh, hostDepartment, faculty: ['Mayo Clinic faculty 梅奥诊所专业师资'] })));
  await updateGroupDates(r, y2019, { actualStart: '2019-11-10', actualEnd: '2019-11-17' });
  await answerGroupReport(r, y2019, '本团系统学习了梅奥诊所“患者至上”的文化与管理机制……', true);
  for (const [i, member] of (await membersOf(r, y2019)).entries()) await plan(r, member, PROJECTS[i % PROJECTS.length]!, '2019-12-01', ['2020-03-31', '2020-09-30'], ['2020-03-20', '2020-09-15']);

  // Back five weeks ago: report overdue; plans done, on track, overdue, and one not yet filed.
  const back = addDays(today, -35);
  const recent = await delegation(r, current, `PUMCH-MAYO-${today.slice(0, 4)}A`, '北京协和医院中层干部赴梅奥诊所管理培训团（第二期）', pumch, mayo, managers2019[0]!, managersLater, addDays(back, -7));
  await setItinerary(r, recent, ITINERARY_2019.slice(0, 8).map(([d, kind, topic, topicZh, hostDepartment]) => ({ day: addDays(back, d - 8), kind, topicEn: topic, topicZh, hostDepartment, faculty: [] })));
  await updateGroupDates(r, recent, { actualStart: addDays(back, -7), actualEnd: back });
  const recentMembers = await membersOf(r, recent);
  await plan(r, recentMembers[1]!, PROJECTS[0]!, addDays(back, 10), [addDays(back, 20), addDays(back, 30)], [addDays(back, 18), addDays(back, 29)]); // done
  await plan(r, recentMembers[2]!, PROJECTS[1]!, addDays(back, 12), [addDays(back, 25), addDays(today, 60)], [addDays(back, 24)]); // on track
  await plan(r, recentMembers[3]!, PROJECTS[2]!, addDays(back, 13), [addDays(today, -5), addDays(today, 90)], []); // overdue
  await plan(r, recentMembers[4]!, PROJECTS[3]!, addDays(back, 14), [addDays(today, 30)], []); // on track

  // Planned for two months from now.
  const start = addDays(today, 60);
  await delegation(r, current, `PUMCH-MAYO-${today.slice(0, 4)}B`, '北京协和医院中层干部赴梅奥诊所管理培训团（第三期）', pumch, mayo, managersLater[0]!, managers2019.slice(5, 9), start);
}

async function delegation(r: RequestContext, programmeId: string, code: string, name: string, unit: Institution, host: Institution, leader: Talent, members: Talent[], start: CalendarDate): Promise<string> {
  const group = await createDelegation(r, { programmeId, code, name, unitId: unit.id, leaderTalentId: leader.id, hostInstitutionId: host.id, plannedStart: start, plannedEnd: addDays(start, 7) });
  for (const m of members) await addGroupMember(r, group.id, m.id);
  return group.id;
}

const membersOf = (r: RequestContext, groupId: string) => r.em.find(TrainingGroupMember, { group: groupId }, { orderBy: { id: 'asc' } });

async function answerGroupReport(r: RequestContext, groupId: string, content: string, accept: boolean): Promise<void> {
  const report = await r.em.findOneOrFail(Report, { group: groupId });
  await submitReport(r, report.id, content);
  if (accept) await reviewReport(r, report.id, true, null);
}

/** File a member's plan as of `filedOn` (a past day), with milestones due on `due`, the first `done.length` done on those days. */
async function plan(r: RequestContext, member: TrainingGroupMember, title: string, filedOn: CalendarDate, due: CalendarDate[], done: CalendarDate[]): Promise<void> {
  const row = await fileActionPlan(r, { memberId: member.id, title, goal: `${title}：明确目标、责任人和时间节点，借鉴梅奥诊所做法`, milestones: due.map((dueOn, i) => ({ title: ['完成现状调研与方案', '试点运行并评估'][i] ?? `节点${i + 1}`, dueOn })) });
  // Plans of past delegations were filed then, not today: a milestone is never done before its plan.
  Object.assign(row, { filedOn } satisfies Partial<DelegationActionPlan>);
  const milestones = await row.milestones.loadItems();
  for (const [i, day] of done.entries()) await completeMilestone(r, { milestoneId: milestones[i]!.id, doneOn: day, note: '已完成' });
}
