/**
 * Demo data for `npm start`: the 2025 call with applicants from several units across all five
 * tracks — some eligible, some not (one waived), some scored, published, abroad now, returned —
 * with one summary report and one weekly check-in overdue relative to the real today, the call's
 * committee of senior experts, its third-party agency, each stay's agreement, ranks numbered
 * within each track and no check-in dated after today. Names and content in Chinese. Idempotent: nothing is done when
 * the call WZ-2025 exists. Written with the ORM directly (seeds get a TenantContext, not a request).
 */
import {
  Application,
  ApplicationStatus,
  Degree,
  EligibilityWaiver,
  EnglishLevel,
  Field,
  Gender,
  InstitutionKind,
  Outcome,
  Placement,
  PlacementStatus,
  Profession,
  Programme,
  ProgrammeStatus,
  ProgrammeTrack,
  Report,
  ReportStatus,
  TitleGrade,
  addDays,
  addMonths,
  demoInstitution,
  demoTalent,
  withWaivers,
  type TenantContext,
} from '../../src/index.js';
import { TRACK_CODES, type TrackCode, type WenzhouConfig } from './config.js';
import { WenzhouAgencyService, WenzhouCostCategory, WenzhouFilingOffice, WenzhouStage } from './entities/enums.js';
import { WenzhouCandidacy, WenzhouFiling, WenzhouPublication, WenzhouScore } from './entities/selection.js';
import { WenzhouCheckIn, WenzhouCostItem, WenzhouFollowUp, WenzhouSharingSession, WenzhouStay, WenzhouStudyPlanItem } from './entities/stay.js';
import { eligibility, type ApplicantProfile } from './rules/eligibility.js';
import { WenzhouApplicantProfile } from './entities/governance.js';
import { resolveShares, splitCost } from './rules/money.js';
import { weightedScore } from './rules/ranking.js';
import { CHECK_IN_REPORT, reportDueDates } from './rules/reports.js';
import { WenzhouCommittee, WenzhouCommitteeMember } from './entities/governance.js';
import { WenzhouAgreement, WenzhouBenefitPayment } from './entities/agreement.js';
import { WenzhouAgency } from './entities/tours.js';

const CODE = 'WZ-2025';
const REFERENCE = '2025-07-01';

type Fate = 'ineligible' | 'waived' | 'registered' | 'scored' | 'reserve' | 'published' | 'abroad' | 'returned_overdue' | 'returned_done' | 'returned_recent';

interface Person {
  name: string;
  gender: Gender;
  birthDate: string;
  unit: number;
  track: TrackCode;
  title?: TitleGrade;
  degree?: Degree;
  english?: EnglishLevel;
  programmes?: string[];
  adminMonths?: number;
  adverse?: boolean;
  department: string;
  profession?: Profession;
  field?: Field;
  fate: Fate;
  host?: number;
  score?: number;
  /** The unit's attestation for the track criteria (二(一), 二(四)). */
  profile?: ApplicantProfile;
}

const UNITS = [
  { name: '温州医科大学附属第一医院', nameEn: 'First Affiliated Hospital of Wenzhou Medical University' },
  { name: '温州医科大学附属第二医院', nameEn: 'Second Affiliated Hospital of Wenzhou Medical University' },
  { name: '温州市人民医院', nameEn: "Wenzhou People's Hospital" },
  { name: '温州市中心医院', nameEn: 'Wenzhou Central Hospital' },
];
const HOSTS = [
  { name: '梅奥诊所', nameEn: 'Mayo Clinic', country: 'US', city: '罗切斯特', kind: InstitutionKind.HOSPITAL },
  { name: '柏林夏里特医学院附属医院', nameEn: 'Charité – Universitätsmedizin Berlin', country: 'DE', city: '柏林', kind: InstitutionKind.HOSPITAL },
  { name: '东京大学医学部附属医院', nameEn: 'The University of Tokyo Hospital', country: 'JP', city: '东京', kind: InstitutionKind.HOSPITAL },
  { name: '伦敦帝国理工学院', nameEn: 'Imperial College London', country: 'GB', city: '伦敦', kind: InstitutionKind.UNIVERSITY },
  { name: '新加坡国立大学医院', nameEn: 'National University Hospital', country: 'SG', city: '新加坡', kind: InstitutionKind.HOSPITAL },
];
/** 四(三) 评选委员会由医疗卫生健康领域高级专家组成. */
const COMMITTEE = [
  { expertId: 'seed-expert-1', name: '潘建华', titleGrade: TitleGrade.SENIOR, specialty: '普通外科' },
  { expertId: 'seed-expert-2', name: '蔡文静', titleGrade: TitleGrade.SENIOR, specialty: '心血管内科' },
  { expertId: 'seed-expert-3', name: '方志强', titleGrade: TitleGrade.ASSOCIATE_SENIOR, specialty: '医院管理' },
];

const PEOPLE: Person[] = [
  { name: '林志远', gender: Gender.MALE, birthDate: '1971-03-08', unit: 0, track: 'leading_talent', programmes: ['national_talent'], profile: { clinicalTeaching: true, educationManagement: false, leadsTeam: true, influence: 'national' }, department: '肝胆外科', fate: 'returned_overdue', host: 0, score: 92 },
  { name: '周海燕', gender: Gender.FEMALE, birthDate: '1969-05-20', unit: 1, track: 'leading_talent', programmes: ['provincial_leading_talent'], profile: { clinicalTeaching: true, educationManagement: false, leadsTeam: true, influence: 'provincial' }, department: '眼科', fate: 'waived', score: 88 },
  { name: '郑建国', gender: Gender.MALE, birthDate: '1968-11-02', unit: 2, track: 'leading_talent', profile: { clinicalTeaching: true, educationManagement: false, leadsTeam: true, influence: 'provincial' }, department: '心血管内科', fate: 'ineligible' },
  { name: '陈晓东', gender: Gender.MALE, birthDate: '1984-09-12', unit: 0, track: 'clinical_backbone', programmes: ['rising_star'], department: '神经外科', fate: 'abroad', host: 1, score: 90 },
  { name: '黄丽娟', gender: Gender.FEMALE, birthDate: '1980-02-28', unit: 2, track: 'clinical_backbone', programmes: ['municipal_key_specialty_reserve'], department: '妇产科', fate: 'returned_done', host: 2, score: 87 },
  { name: '吴斌', gender: Gender.MALE, birthDate: '1979-07-15', unit: 3, track: 'clinical_backbone', department: '骨科', fate: 'reserve', score: 70 },
  { name: '徐静', gender: Gender.FEMALE, birthDate: '1988-04-03', unit: 1, track: 'clinical_backbone', title: TitleGrade.JUNIOR, department: '急诊科', fate: 'ineligible' },
  { name: '王磊', gender: Gender.MALE, birthDate: '1986-12-01', unit: 0, track: 'medical_innovation', programmes: ['wenzhou_e_class', 'key_discipline_core'], department: '检验科', fate: 'returned_recent', host: 3, score: 91 },
  { name: '李敏', gender: Gender.FEMALE, birthDate: '1983-06-18', unit: 3, track: 'medical_innovation', department: '肿瘤内科', fate: 'published', host: 4, score: 85 },
  { name: '张婷', gender: Gender.FEMALE, birthDate: '1981-10-10', unit: 1, track: 'teaching', programmes: ['residency_faculty'], department: '教学办', fate: 'abroad', host: 4, score: 86 },
  { name: '刘洋', gender: Gender.MALE, birthDate: '1985-01-22', unit: 2, track: 'teaching', english: EnglishLevel.BASIC, department: '全科医学科', fate: 'ineligible' },
  { name: '赵刚', gender: Gender.MALE, birthDate: '1977-08-30', unit: 0, track: 'health_management', adminMonths: 35, english: EnglishLevel.BASIC, profession: Profession.MANAGER, field: Field.MANAGEMENT, department: '医务部', fate: 'ineligible' },
  { name: '孙悦', gender: Gender.FEMALE, birthDate: '1978-03-14', unit: 3, track: 'health_management', adminMonths: 60, english: EnglishLevel.BASIC, programmes: ['reserve_cadre'], profession: Profession.MANAGER, field: Field.MANAGEMENT, department: '院办', fate: 'scored', score: 83 },
  { name: '钱伟', gender: Gender.MALE, birthDate: '1982-05-05', unit: 2, track: 'medical_innovation', department: '呼吸内科', fate: 'registered' },
];

/** 协议 研学任务 by track (二、重点任务 2.项目内容). */
const TASKS: Record<TrackCode, string[]> = {
  leading_talent: ['围绕重大疾病防治关键技术开展联合攻关，争取原创性成果', '协助派出单位建立长期稳定的国际化医学交流合作机制'],
  clinical_backbone: ['学习一项国际前沿诊疗技术并回院开展', '参加疑难病例讨论不少于10次'],
  medical_innovation: ['联合开展一项科技项目攻关', '回国后申报一项国际合作科技项目'],
  teaching: ['学习毕业后医学教育体系构建与师资评估考核体系', '回院开展一项教学新模式'],
  health_management: ['学习先进的医院管理模式', '回院提出一项管理改进项目'],
};
const CHECK_IN_TEXT = ['熟悉科室，参加晨会与病例讨论', '跟随导师查房，观摩手术', '参加专题讨论，整理学习笔记', '与带教专家交流合作意向'];

/** The assessed language score (四(二)), which is also the committee's 外语评估结果 on every sheet. */
const languageScore = (p: Person) => Math.max(0, Math.min(100, (p.score ?? 80) - 5));
const nextRank = (ranks: Map<TrackCode, number>, track: TrackCode) => {
  const n = (ranks.get(track) ?? 0) + 1;
  ranks.set(track, n);
  return n;
};

const STAGE: Record<Fate, WenzhouStage> = {
  ineligible: WenzhouStage.REGISTERED,
  waived: WenzhouStage.LANGUAGE_ASSESSED,
  registered: WenzhouStage.REGISTERED,
  scored: WenzhouStage.SCORED,
  reserve: WenzhouStage.RANKED,
  published: WenzhouStage.PUBLISHED,
  abroad: WenzhouStage.ABROAD,
  returned_overdue: WenzhouStage.RETURNED,
  returned_done: WenzhouStage.RETURNED,
  returned_recent: WenzhouStage.RETURNED,
};

export async function seed(ctx: TenantContext<WenzhouConfig>): Promise<void> {
  const em = ctx.em;
  if (await em.findOne(Programme, { code: CODE })) return;
  const { config, revision } = await ctx.configOn(REFERENCE);
  const today = ctx.today();

  const units = [];
  for (const u of UNITS) units.push(await demoInstitution(em, { ...u, dispatching: true, province: '浙江省', city: '温州市', level: 'grade-3A' }));
  const hosts = [];
  for (const h of HOSTS) hosts.push(await demoInstitution(em, { ...h, host: true }));
  const agency = await demoInstitution(em, { name: '温州瓯越国际医学交流服务中心', kind: InstitutionKind.OTHER, province: '浙江省', city: '温州市' });

  const programme = em.create(Programme, {
    scheme: 'wenzhou-overseas',
    code: CODE,
    name: '温州市“百医出海”2025年度选派',
    year: 2025,
    status: ProgrammeStatus.CLOSED,
    opensOn: '2025-07-01',
    closesOn: '2025-08-15',
    referenceDate: REFERENCE,
    quota: TRACK_CODES.reduce((a, c) => a + config.tracks[c].quota, 0),
  });
  for (const c of TRACK_CODES) em.create(ProgrammeTrack, { programme, code: c, name: config.tracks[c].nameZh, quota: config.tracks[c].quota });
  const publication = em.create(WenzhouPublication, { programme, publishedOn: '2025-09-10', publishedBy: 'seed', count: PEOPLE.filter((p) => p.host != null).length, note: '2025年度“百医出海”选派名单（内部发布）' });
  for (const office of [WenzhouFilingOffice.TALENT_OFFICE, WenzhouFilingOffice.FOREIGN_AFFAIRS_OFFICE]) em.create(WenzhouFiling, { publication, office, filedOn: '2025-09-11', reference: null, count: publication.count });

  const committee = em.create(WenzhouCommittee, { programme, name: '2025年度“百医出海”评选委员会', formedOn: '2025-08-01', formedBy: 'seed' });
  for (const m of COMMITTEE) em.create(WenzhouCommitteeMember, { committee, ...m, unitId: null });
  em.create(WenzhouAgency, { programme, institution: agency, services: [WenzhouAgencyService.POLICY_CONSULTING, WenzhouAgencyService.PRE_DEPARTURE_EDUCATION, WenzhouAgencyService.LANGUAGE_TRAINING], selectedOn: '2025-07-15', selectionNote: '经比选择优确定，提供政策咨询、行前教育和语言培训', selectedBy: 'seed' });

  // Ranks are numbered within each track (一类一榜).
  const rankIn = new Map<TrackCode, number>();
  for (const p of PEOPLE) {
    const unit = units[p.unit]!;
    const talent = demoTalent(em, {
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      unit,
      department: p.department,
      ...(p.field ? { field: p.field } : {}),
      ...(p.profession ? { profession: p.profession } : {}),
      titleGrade: p.title ?? TitleGrade.ASSOCIATE_SENIOR,
      highestDegree: p.degree ?? Degree.DOCTORATE,
      talentProgrammes: p.programmes ?? [],
      adminExperienceMonths: p.adminMonths ?? 0,
      englishSelfDeclared: p.english ?? EnglishLevel.GOOD,
      adverseIncidentPrimaryResponsibility: p.adverse ?? false,
    });
    if (p.profile) em.create(WenzhouApplicantProfile, { talent, unit, ...p.profile, note: null, attestedBy: 'seed', attestedOn: '2025-07-20' });
    const verdict = eligibility({ talent: { ...talent, englishAssessed: null }, profile: p.profile ?? null, track: p.track, config, onDate: REFERENCE });
    const waived = p.fate === 'waived' ? verdict.reasons.filter((r) => r.waivable).map((r) => r.code) : [];
    const eligible = withWaivers(verdict, waived).eligible;
    const stage = STAGE[p.fate];
    const selected = p.host != null;
    const application = em.create(Application, {
      programme,
      track: p.track,
      talent,
      unit,
      status: selected ? ApplicationStatus.SELECTED : eligible ? ApplicationStatus.ELIGIBLE : ApplicationStatus.INELIGIBLE,
      eligibility: { ...verdict, rule: 'wenzhou-overseas/wenzhou-eligibility', configVersion: revision, decidedOn: '2025-07-20' },
      submittedAt: new Date('2025-07-20T02:00:00Z'),
    });
    for (const code of waived) em.create(EligibilityWaiver, { application, talent, unit, code, reason: '省卫生高层次领军人才，经评选委员会研究同意适当放宽年龄', waivedBy: 'seed', configVersion: revision });
    const ranked = p.score != null && [WenzhouStage.RANKED, WenzhouStage.PUBLISHED, WenzhouStage.ABROAD, WenzhouStage.RETURNED].includes(stage);
    const candidacy = em.create(WenzhouCandidacy, {
      application,
      programme,
      talent,
      unit,
      track: p.track,
      stage,
      registeredAt: new Date('2025-07-20T02:00:00Z'),
      attestedBy: 'seed',
      ...(stage !== WenzhouStage.REGISTERED ? { languageLevel: p.english ?? EnglishLevel.GOOD, languageScore: languageScore(p), languageAssessedBy: 'seed-expert-1', languageAssessedOn: '2025-08-20' } : {}),
      ...(ranked ? { rank: nextRank(rankIn, p.track), weightedScore: p.score, totalScore: p.score, withinQuota: selected } : {}),
      ...(selected && stage !== WenzhouStage.PUBLISHED ? { exitChecklist: ['travel_documents', 'pre_departure_training', 'political_education', 'confidentiality_briefing'] } : {}),
      ...(selected ? { approvedAt: new Date('2025-09-05T02:00:00Z'), publication, exitClearedOn: stage === WenzhouStage.PUBLISHED ? null : '2025-09-25' } : {}),
    });
    if (p.score != null && stage !== WenzhouStage.LANGUAGE_ASSESSED) {
      for (const [i, delta] of [0, 2, -2].entries()) {
        const s = p.score + delta;
        // 外语评估结果 is the recorded assessment's score, the same on every sheet.
        const sheet = { businessAbility: s, clinicalLevel: s, languageResult: languageScore(p), socialEvaluation: s + 5 };
        em.create(WenzhouScore, { candidacy, talent, unit, expertId: `seed-expert-${i + 1}`, expertUnitId: null, ...sheet, weighted: weightedScore(sheet, config.scoreWeights) });
      }
    }
    if (p.host == null || stage === WenzhouStage.PUBLISHED) continue;

    // The stay: dates relative to the real today, so "abroad now" and "overdue" hold whenever the demo starts.
    const days = { leading_talent: 45, clinical_backbone: 60, medical_innovation: 60, teaching: 14, health_management: 7 }[p.track];
    const end =
      p.fate === 'abroad' ? addDays(today, 10) : p.fate === 'returned_overdue' ? addDays(today, -45) : p.fate === 'returned_recent' ? addDays(today, -10) : addDays(today, -120);
    const start = addDays(end, -(days - 1));
    const returned = p.fate !== 'abroad';
    const placement = em.create(Placement, {
      programme,
      application,
      talent,
      unit,
      hostInstitution: hosts[p.host]!,
      status: returned ? PlacementStatus.COMPLETED : PlacementStatus.ACTIVE,
      plannedStart: start,
      plannedEnd: end,
      actualStart: start,
      actualEnd: returned ? end : null,
    });
    const servicePeriodMonths = p.track === 'leading_talent' ? 60 : 36;
    const stay = em.create(WenzhouStay, { placement, candidacy, talent, unit, track: p.track, liaisonName: '科教科 叶老师', liaisonContact: null, warnings: [], serviceUntil: returned ? addMonths(end, servicePeriodMonths) : null });
    em.create(WenzhouAgreement, { stay, talent, unit, signedOn: addDays(start, -10), tasks: TASKS[p.track], servicePeriodMonths, servicePeriodDefaulted: false, note: null, recordedBy: 'seed' });
    em.create(WenzhouStudyPlanItem, { stay, talent, unit, fromDay: start, toDay: end, activity: '临床观摩、专题讨论、跟岗学习（每日安排见附件）' });
    for (const d of reportDueDates({ status: placement.status, plannedEnd: end, actualStart: start, actualEnd: returned ? end : null }, config)) {
      if (d.kind === CHECK_IN_REPORT) {
        // 开展定期汇报: every period that has come due was reported on its due day (never a day in the
        // future), except the latest period of one talent abroad, left overdue for the demo.
        if (d.dueOn > today) {
          em.create(Report, { placement, talent, unit, kind: d.kind, sequence: d.sequence ?? 1, title: d.title, dueOn: d.dueOn, status: ReportStatus.DUE });
          continue;
        }
        const missed = p.fate === 'abroad' && p.track === 'clinical_backbone' && d.dueOn < today && addDays(d.dueOn, config.checkInEveryDays) >= today;
        if (missed) {
          em.create(Report, { placement, talent, unit, kind: d.kind, sequence: d.sequence ?? 1, title: d.title, dueOn: d.dueOn, status: ReportStatus.DUE });
          continue;
        }
        const summary = CHECK_IN_TEXT[((d.sequence ?? 1) - 1) % CHECK_IN_TEXT.length]!;
        em.create(WenzhouCheckIn, { stay, talent, unit, onDate: d.dueOn, summary, submittedBy: 'seed', period: d.sequence ?? 1 });
        em.create(Report, { placement, talent, unit, kind: d.kind, sequence: d.sequence ?? 1, title: d.title, dueOn: d.dueOn, status: ReportStatus.SUBMITTED, submittedAt: new Date(`${d.dueOn}T10:00:00Z`), content: `${d.dueOn}: ${summary}` });
        continue;
      }
      const done = p.fate === 'returned_done';
      em.create(Report, {
        placement,
        talent,
        unit,
        kind: d.kind,
        sequence: d.sequence ?? 1,
        title: d.title,
        dueOn: d.dueOn,
        status: done ? ReportStatus.ACCEPTED : ReportStatus.DUE,
        ...(done ? { submittedAt: new Date(`${addDays(end, 20)}T02:00:00Z`), content: '研学总结报告（略）', reviewedBy: 'seed' } : {}),
      });
    }
    const shares = resolveShares(config, 2025, p.track);
    for (const [category, description, amountFen] of [
      [WenzhouCostCategory.AIRFARE, '往返国际机票', 1_280_050],
      [WenzhouCostCategory.ACCOMMODATION, '住宿费', days * 95_000],
      [WenzhouCostCategory.TUITION, '进修费', 2_000_033],
    ] as const) {
      em.create(WenzhouCostItem, { stay, talent, unit, category, description, incurredOn: start, amountFen, ...splitCost(amountFen, shares), foundationPct: shares.foundation, unitPct: shares.unit, individualPct: shares.individual, configVersion: revision });
    }
    if (p.fate === 'returned_done') {
      em.create(WenzhouFollowUp, { stay, talent, unit, assessedOn: addDays(end, 60), tasksCompleted: true, summary: '开展宫腔镜新技术，考核优秀', assessedBy: 'seed' });
      em.create(WenzhouSharingSession, { stay, talent, unit, heldOn: addDays(end, 30), title: '赴日研学经验分享会', audience: 85 });
      for (const month of [start.slice(0, 7)]) em.create(WenzhouBenefitPayment, { stay, talent, unit, month, baseSalaryFen: 1_250_000, baseSalaryDueFen: 1_250_000, performancePayFen: 980_000, departmentAverageFen: 920_000, guaranteesMissed: [], recordedBy: 'seed' });
      em.create(Outcome, { talent, unit, placement, category: 'domestic_leading_technology', title: '宫腔镜下子宫内膜修复新技术', achievedOn: addDays(end, 50), quantity: 1, verified: true, flagship: true });
    }
  }
  await em.flush();
}
