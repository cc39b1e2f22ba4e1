/**
 * Demo data for `npm start`: the 2025 call with applicants from several units across all five
 * tracks — some eligible, some not (one waived), some scored, published, abroad now, returned —
 * with one summary report overdue relative to the real today. Idempotent: nothing is done when
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
import { WenzhouCostCategory, WenzhouFilingOffice, WenzhouStage } from './entities/enums.js';
import { WenzhouCandidacy, WenzhouFiling, WenzhouPublication, WenzhouScore } from './entities/selection.js';
import { WenzhouCheckIn, WenzhouCostItem, WenzhouFollowUp, WenzhouSharingSession, WenzhouStay, WenzhouStudyPlanItem } from './entities/stay.js';
import { eligibility } from './rules/eligibility.js';
import { resolveShares, splitCost } from './rules/money.js';
import { weightedScore } from './rules/ranking.js';
import { reportDueDates } from './rules/reports.js';

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
}

const UNITS = [
  { name: '温州医科大学附属第一医院', nameEn: 'First Affiliated Hospital of Wenzhou Medical University' },
  { name: '温州医科大学附属第二医院', nameEn: 'Second Affiliated Hospital of Wenzhou Medical University' },
  { name: '温州市人民医院', nameEn: "Wenzhou People's Hospital" },
  { name: '温州市中心医院', nameEn: 'Wenzhou Central Hospital' },
];
const HOSTS = [
  { name: 'Mayo Clinic', country: 'US', city: 'Rochester', kind: InstitutionKind.HOSPITAL },
  { name: 'Charité – Universitätsmedizin Berlin', country: 'DE', city: 'Berlin', kind: InstitutionKind.HOSPITAL },
  { name: 'The University of Tokyo Hospital', country: 'JP', city: 'Tokyo', kind: InstitutionKind.HOSPITAL },
  { name: 'Imperial College London', country: 'GB', city: 'London', kind: InstitutionKind.UNIVERSITY },
  { name: 'National University Hospital', country: 'SG', city: 'Singapore', kind: InstitutionKind.HOSPITAL },
];

const PEOPLE: Person[] = [
  { name: '林志远', gender: Gender.MALE, birthDate: '1971-03-08', unit: 0, track: 'leading_talent', programmes: ['national_talent'], department: '肝胆外科', fate: 'returned_overdue', host: 0, score: 92 },
  { name: '周海燕', gender: Gender.FEMALE, birthDate: '1969-05-20', unit: 1, track: 'leading_talent', programmes: ['provincial_leading_talent'], department: '眼科', fate: 'waived', score: 88 },
  { name: '郑建国', gender: Gender.MALE, birthDate: '1968-11-02', unit: 2, track: 'leading_talent', department: '心血管内科', fate: 'ineligible' },
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

  const programme = em.create(Programme, {
    scheme: 'wenzhou-overseas',
    code: CODE,
    name: '温州市“百医出海”2025年度选派 Wenzhou Hundred Doctors Go Overseas 2025 call',
    year: 2025,
    status: ProgrammeStatus.CLOSED,
    opensOn: '2025-07-01',
    closesOn: '2025-08-15',
    referenceDate: REFERENCE,
    quota: TRACK_CODES.reduce((a, c) => a + config.tracks[c].quota, 0),
  });
  for (const c of TRACK_CODES) em.create(ProgrammeTrack, { programme, code: c, name: `${config.tracks[c].nameZh} ${config.tracks[c].name}`, quota: config.tracks[c].quota });
  const publication = em.create(WenzhouPublication, { programme, publishedOn: '2025-09-10', publishedBy: 'seed', count: PEOPLE.filter((p) => p.host != null).length, note: '2025年度“百医出海”选派名单（内部发布）' });
  for (const office of [WenzhouFilingOffice.TALENT_OFFICE, WenzhouFilingOffice.FOREIGN_AFFAIRS_OFFICE]) em.create(WenzhouFiling, { publication, office, filedOn: '2025-09-11', reference: null, count: publication.count });

  let rank = 0;
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
    const verdict = eligibility({ talent: { ...talent, englishAssessed: null }, track: p.track, config, onDate: REFERENCE });
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
      ...(stage !== WenzhouStage.REGISTERED ? { languageLevel: p.english ?? EnglishLevel.GOOD, languageScore: 80, languageAssessedBy: 'seed-expert-1', languageAssessedOn: '2025-08-20' } : {}),
      ...(ranked ? { rank: ++rank, weightedScore: p.score, totalScore: p.score, withinQuota: selected } : {}),
      ...(selected ? { approvedAt: new Date('2025-09-05T02:00:00Z'), publication, exitClearedOn: stage === WenzhouStage.PUBLISHED ? null : '2025-09-25' } : {}),
    });
    if (p.score != null && stage !== WenzhouStage.LANGUAGE_ASSESSED) {
      for (const [i, delta] of [0, 2, -2].entries()) {
        const s = p.score + delta;
        const sheet = { businessAbility: s, clinicalLevel: s, languageResult: s - 5, socialEvaluation: s + 5 };
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
    const stay = em.create(WenzhouStay, { placement, candidacy, talent, unit, track: p.track, liaisonName: '科教科 叶老师', liaisonContact: null, warnings: [], serviceUntil: returned ? addMonths(end, config.servicePeriodMonths) : null });
    em.create(WenzhouStudyPlanItem, { stay, talent, unit, fromDay: start, toDay: end, activity: '临床观摩、专题讨论、跟岗学习（每日安排见附件）' });
    em.create(WenzhouCheckIn, { stay, talent, unit, onDate: addDays(start, 7), summary: '第一周：熟悉科室，参加晨会与病例讨论', submittedBy: 'seed' });
    for (const d of reportDueDates({ status: placement.status, plannedEnd: end, actualStart: start, actualEnd: returned ? end : null }, config)) {
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
      em.create(Outcome, { talent, unit, placement, category: 'domestic_leading_technology', title: '宫腔镜下子宫内膜修复新技术', achievedOn: addDays(end, 50), quantity: 1, verified: true, flagship: true });
    }
  }
  await em.flush();
}
