/**
 * A data set of cohorts described by counts (how many trainees completed with "excellent", how
 * many withdrew mid-term, how many returns are recorded, how many gaps were filled at each level…),
 * expanded into individual records — talents, selected applications, placements, trainees with
 * their assessments and return, and contributions (core Outcomes linked to the returnees' placements).
 * The dashboard then computes its figures from those records, so the published figures are
 * reproduced by the same code that serves real data.
 *
 * Used by the figures test, by the demo seed, and by `load-dataset.ts` (command line).
 * Idempotent: a cohort whose programme code exists is skipped.
 */
import { readFileSync } from 'node:fs';
import figures2022 from './figures-2022-06.json' with { type: 'json' };
import { z } from 'zod';
import {
  AdminLevel,
  Application,
  ApplicationStatus,
  Degree,
  EnglishLevel,
  Field,
  Gender,
  Institution,
  Outcome,
  Placement,
  PlacementStatus,
  Profession,
  Programme,
  ProgrammeStatus,
  ProgrammeTrack,
  Report,
  Talent,
  TitleGrade,
  addDays,
  addMonths,
  demoInstitution,
  demoTalent,
  compareDates,
  institutionFacts,
  talentFacts,
  isCalendarDate,
  type TenantContext,
} from '../../../src/index.js';
import type { GuizhouConfig } from '../config.js';
import {
  GuizhouComponent,
  GuizhouContributionKind,
  GuizhouGrade,
  GuizhouHostRegion,
  GuizhouSubPlan,
  GuizhouTraineeStatus as S,
  GuizhouWithdrawalStage,
  SUB_PLAN_LABELS,
} from '../domain.js';
import { GuizhouCohort } from '../entities/cohort.js';
import { GuizhouTrainee } from '../entities/trainee.js';
import { guizhouEligibility } from '../rules/eligibility.js';
import { reportSchedule } from '../rules/reports.js';
import { termEnd } from '../rules/term.js';

const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
const n = z.number().int().min(0).default(0);

export const Dataset = z.object({
  name: z.string(),
  note: z.string().optional(),
  hosts: z.array(z.object({ key: z.string(), name: z.string(), nameEn: z.string().optional(), region: z.enum(GuizhouHostRegion), province: z.string() })),
  units: z.array(z.object({ key: z.string(), name: z.string(), nameEn: z.string().optional(), adminLevel: z.enum(AdminLevel), region: z.string() })).min(1),
  cohorts: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      round: z.number().int().min(1),
      period: z.number().int().min(1),
      host: z.string(),
      startDate: day,
      termMonths: z.number().int(),
      subPlans: z.array(z.enum(GuizhouSubPlan)).min(1),
      components: z.array(z.enum(GuizhouComponent)).min(1),
      capacity: z.number().int().min(1).optional(),
      trainees: z.object({
        enrolled: n,
        inTraining: n,
        excellent: n,
        pass: n,
        failed: n,
        withdrawnMidTerm: n,
        withdrawnBeforeStart: n,
        /** Of the completed (excellent first, then pass), how many have their return recorded. */
        returned: n,
      }),
      contributions: z
        .object({ newTechnologies: n, gapsProvince: n, gapsCity: n, gapsCounty: n, cascadeSessions: n, grassrootsTrained: n, verified: z.boolean().default(true) })
        .optional(),
    }),
  ),
});
export type Dataset = z.infer<typeof Dataset>;

export const FIGURES_2022_06 = new URL('./figures-2022-06.json', import.meta.url);

/** The published figures (imported, not read from beside this file: the compiled start is one bundle in dist/), or another file's. */
export function readDataset(file?: URL | string): Dataset {
  return Dataset.parse(file === undefined ? figures2022 : JSON.parse(readFileSync(file, 'utf8')));
}

/** Invented Chinese names: 20 surnames common in Guizhou × 30 given names, 600 distinct before any repeats. */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '龙', '姚'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '艳', '军', '涛', '萍', '慧', '强', '霞', '波', '玲', '红', '丹', '宇', '建国', '晓燕', '志强', '秀英', '海涛', '丽华', '文斌', '春梅', '俊杰', '雪梅', '国庆', '佳怡'];
const personName = (k: number) => `${SURNAMES[k % SURNAMES.length]}${GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length]}`;
const MENTOR_TITLES = ['主任医师', '副主任医师', '主任护师', '主任技师'];
const WITHDRAWAL_REASON = '家庭原因';
const NEW_TECHNOLOGIES = ['经皮冠状动脉介入治疗', '腹腔镜下胰十二指肠切除术', '超声引导下甲状腺结节射频消融', '动态血糖监测门诊', '经鼻内镜颅底手术', '无痛胃肠镜诊疗', '胸腔镜肺段切除术', 'ECMO体外膜肺氧合支持'];
const GAPS = ['达芬奇机器人辅助前列腺根治术', '经导管主动脉瓣置换术', '儿童先天性心脏病介入封堵术', '人工耳蜗植入术', '冠脉旋磨术', '脑深部电刺激术'];
const CASCADE = ['基层糖尿病规范化管理培训', '乡村医生急救技能培训', '县级医院危急重症护理培训', '基层高血压防治适宜技术培训', '乡镇卫生院超声诊断培训'];
const LEVEL_ZH: Record<string, string> = { province: '省级', city: '市级', county: '县级' };
const PROFESSIONS = [Profession.DOCTOR, Profession.DOCTOR, Profession.NURSE, Profession.TECHNICIAN];
const FIELDS: Record<string, Field> = { [Profession.DOCTOR]: Field.WESTERN_MEDICINE, [Profession.NURSE]: Field.NURSING, [Profession.TECHNICIAN]: Field.MEDICAL_TECHNOLOGY };

export interface LoadSummary {
  cohortsCreated: number;
  cohortsSkipped: number;
  trainees: number;
  contributions: number;
}

/** The state of the i-th trainee of a cohort, in the order the counts are listed. */
function states(t: Dataset['cohorts'][number]['trainees']): { status: S; grade: GuizhouGrade | null; stage: GuizhouWithdrawalStage | null; returned: boolean }[] {
  const out: ReturnType<typeof states> = [];
  const push = (count: number, status: S, grade: GuizhouGrade | null = null, stage: GuizhouWithdrawalStage | null = null) => {
    for (let i = 0; i < count; i++) out.push({ status, grade, stage, returned: false });
  };
  push(t.excellent, S.COMPLETED, GuizhouGrade.EXCELLENT);
  push(t.pass, S.COMPLETED, GuizhouGrade.PASS);
  if (t.returned > t.excellent + t.pass) throw new Error(`returned (${t.returned}) exceeds completed (${t.excellent + t.pass})`);
  for (let i = 0; i < t.returned; i++) out[i]!.returned = true;
  push(t.failed, S.NOT_COMPLETED, GuizhouGrade.FAIL);
  push(t.withdrawnMidTerm, S.WITHDRAWN, null, GuizhouWithdrawalStage.MID_TERM);
  push(t.withdrawnBeforeStart, S.WITHDRAWN, null, GuizhouWithdrawalStage.BEFORE_START);
  push(t.inTraining, S.IN_TRAINING);
  push(t.enrolled, S.ENROLLED);
  return out;
}

export async function loadDataset(ctx: TenantContext<GuizhouConfig>, dataset: Dataset): Promise<LoadSummary> {
  const em = ctx.em;
  const summary: LoadSummary = { cohortsCreated: 0, cohortsSkipped: 0, trainees: 0, contributions: 0 };

  const hosts = new Map<string, Institution>();
  for (const h of dataset.hosts) hosts.set(h.key, await demoInstitution(em, { name: h.name, nameEn: h.nameEn ?? null, host: true, province: h.province, level: 'grade-3A' }));
  const units: Institution[] = [];
  for (const u of dataset.units) units.push(await demoInstitution(em, { name: u.name, nameEn: u.nameEn ?? null, dispatching: true, province: 'Guizhou', adminLevel: u.adminLevel, region: u.region, qualificationVerified: false }));
  await em.flush();

  let person = await em.count(Talent, {});
  for (const spec of dataset.cohorts) {
    if (await em.findOne(Programme, { code: spec.code })) {
      summary.cohortsSkipped++;
      continue;
    }
    const host = hosts.get(spec.host);
    if (!host) throw new Error(`cohort ${spec.code}: unknown host "${spec.host}"`);
    if (!ctx.config.termMonths.includes(spec.termMonths)) throw new Error(`cohort ${spec.code}: a ${spec.termMonths}-month term is not allowed`);
    const plan = states(spec.trainees);
    const programme = em.create(Programme, {
      scheme: 'guizhou-shanghai-class',
      code: spec.code,
      name: spec.name,
      year: Number(spec.startDate.slice(0, 4)),
      status: ProgrammeStatus.CLOSED,
      referenceDate: spec.startDate,
      quota: spec.capacity ?? plan.length,
    });
    for (const sp of spec.subPlans) em.create(ProgrammeTrack, { programme, code: sp, name: SUB_PLAN_LABELS[sp].en });
    const cohort = em.create(GuizhouCohort, {
      programme,
      name: spec.name,
      round: spec.round,
      period: spec.period,
      hostInstitution: host,
      hostRegion: dataset.hosts.find((h) => h.key === spec.host)!.region,
      subPlans: spec.subPlans,
      components: spec.components,
      capacity: spec.capacity ?? plan.length,
      startDate: spec.startDate,
    });
    const end = termEnd(spec.startDate, spec.termMonths);
    const returnees: GuizhouTrainee[] = [];
    plan.forEach((state, i) => {
      const unit = units[person % units.length]!;
      const profession = PROFESSIONS[person % PROFESSIONS.length]!;
      const talent = demoTalent(em, {
        name: personName(person),
        gender: person % 2 ? Gender.FEMALE : Gender.MALE,
        birthDate: `${1978 + (person % 14)}-0${1 + (person % 9)}-1${person % 10}`,
        unit,
        field: FIELDS[profession]!,
        profession,
        titleGrade: person % 3 ? TitleGrade.INTERMEDIATE : TitleGrade.ASSOCIATE_SENIOR,
        highestDegree: person % 2 ? Degree.MASTER : Degree.BACHELOR,
        englishSelfDeclared: EnglishLevel.BASIC,
      });
      person++;
      const subPlan = spec.subPlans[i % spec.subPlans.length]!;
      const verdict = guizhouEligibility({ talent: talentFacts(talent), unit: institutionFacts(unit), onDate: spec.startDate, tenant: ctx.tenant }, ctx.config);
      const application = em.create(Application, {
        programme,
        track: subPlan,
        talent,
        unit,
        status: ApplicationStatus.SELECTED,
        eligibility: { ...verdict, rule: 'guizhou-shanghai-class/guizhou-eligibility', configVersion: ctx.configRevision, decidedOn: addDays(spec.startDate, -30) },
        submittedAt: new Date(`${addDays(spec.startDate, -45)}T02:00:00Z`),
      });
      const started = state.status !== S.ENROLLED && state.stage !== GuizhouWithdrawalStage.BEFORE_START;
      const concluded = state.status === S.COMPLETED || state.status === S.NOT_COMPLETED;
      const withdrawnOn = state.stage === GuizhouWithdrawalStage.MID_TERM ? addMonths(spec.startDate, 1) : state.stage ? addDays(spec.startDate, -10) : null;
      const placement = em.create(Placement, {
        programme,
        application,
        talent,
        unit,
        hostInstitution: host,
        status: concluded ? PlacementStatus.COMPLETED : state.status === S.WITHDRAWN ? PlacementStatus.WITHDRAWN : started ? PlacementStatus.ACTIVE : PlacementStatus.PLANNED,
        plannedStart: spec.startDate,
        plannedEnd: end,
        actualStart: started ? spec.startDate : null,
        actualEnd: concluded ? end : state.stage === GuizhouWithdrawalStage.MID_TERM ? withdrawnOn : null,
        statusNote: state.stage ? WITHDRAWAL_REASON : null,
      });
      const midTermDone = started && (concluded || compareDates(addMonths(spec.startDate, spec.termMonths / 2), ctx.today()) <= 0) && state.stage !== GuizhouWithdrawalStage.MID_TERM;
      const trainee = em.create(GuizhouTrainee, {
        cohort,
        application,
        placement,
        talent,
        unit,
        subPlan,
        termMonths: spec.termMonths,
        status: state.status,
        mentorName: personName(7 * (i % 12) + 3 * spec.period + 101),
        mentorTitle: MENTOR_TITLES[i % MENTOR_TITLES.length]!,
        startedOn: started ? spec.startDate : null,
        midTermGrade: midTermDone ? (state.grade === GuizhouGrade.FAIL ? GuizhouGrade.PASS : GuizhouGrade.EXCELLENT) : null,
        midTermAssessedOn: midTermDone ? addMonths(spec.startDate, spec.termMonths / 2) : null,
        finalGrade: state.grade,
        finalAssessedOn: concluded ? end : null,
        endedOn: concluded ? end : state.stage === GuizhouWithdrawalStage.MID_TERM ? withdrawnOn : null,
        withdrawalStage: state.stage,
        withdrawalReason: state.stage ? WITHDRAWAL_REASON : null,
        returnedOn: state.returned ? addDays(end, 7) : null,
        returnedTo: state.returned ? unit : null,
      });
      if (state.returned) returnees.push(trainee);
      // Open placements owe their reports (the jobs system reminds); concluded history does not.
      if (state.status === S.ENROLLED || state.status === S.IN_TRAINING) {
        const due = reportSchedule(
          { status: placement.status, plannedStart: spec.startDate, plannedEnd: end, actualStart: placement.actualStart ?? null, actualEnd: null, traineeStatus: state.status, returnedOn: null, returnPlan: spec.components.includes(GuizhouComponent.RETURN_PLAN) },
          ctx.config,
        );
        for (const d of due) em.create(Report, { placement, talent, unit, kind: d.kind, sequence: d.sequence ?? 1, title: d.title, dueOn: d.dueOn });
      }
      summary.trainees++;
    });

    const c = spec.contributions;
    if (c) {
      const total = c.newTechnologies + c.gapsProvince + c.gapsCity + c.gapsCounty + c.cascadeSessions;
      if (total && !returnees.length) throw new Error(`cohort ${spec.code}: contributions need returnees`);
      let k = 0;
      const add = (category: GuizhouContributionKind, title: string, quantity = 1, level: AdminLevel | null = null) => {
        const t = returnees[k % returnees.length]!;
        em.create(Outcome, {
          talent: t.talent,
          unit: t.unit,
          placement: t.placement,
          category,
          title,
          achievedOn: addMonths(t.returnedOn!, 1 + (k % 9)),
          quantity,
          level,
          verified: c.verified,
        });
        k++;
        summary.contributions++;
      };
      for (let i = 0; i < c.newTechnologies; i++) add(GuizhouContributionKind.NEW_TECHNOLOGY, `开展${NEW_TECHNOLOGIES[i % NEW_TECHNOLOGIES.length]}`);
      for (const [count, level] of [[c.gapsProvince, AdminLevel.PROVINCE], [c.gapsCity, AdminLevel.CITY], [c.gapsCounty, AdminLevel.COUNTY]] as const) {
        for (let i = 0; i < count; i++) add(GuizhouContributionKind.GAP_FILLED, `填补${LEVEL_ZH[level]}空白：${GAPS[i % GAPS.length]}`, 1, level);
      }
      if (c.grassrootsTrained && !c.cascadeSessions) throw new Error(`cohort ${spec.code}: grassroots trained need sessions`);
      for (let i = 0; i < c.cascadeSessions; i++) {
        const heads = Math.floor(c.grassrootsTrained / c.cascadeSessions) + (i < c.grassrootsTrained % c.cascadeSessions ? 1 : 0);
        add(GuizhouContributionKind.CASCADE_TRAINING, CASCADE[i % CASCADE.length]!, heads);
      }
    }
    await em.flush();
    summary.cohortsCreated++;
  }
  return summary;
}
