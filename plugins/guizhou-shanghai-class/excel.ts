/**
 * The Ruijin class in Excel: the commission enrols a cohort from its list (one trainee per row,
 * each as the API would: the application to the cohort, the selection, `guizhouTraineeEnrol`),
 * and files its dashboard as a workbook.
 */
import { z } from 'zod';
import {
  Application,
  ApplicationStatus,
  Roles,
  badInput,
  decideApplication,
  findTalentByIdNumber,
  invalidState,
  notFound,
  submitApplication,
  validateInput,
  type Exporter,
  type ExportSheet,
  type Importer,
} from '../../src/index.js';
import { enrol, PLUGIN_KEY } from './api/service.js';
import { GuizhouEnrolInput } from './api/types.js';
import { SUB_PLAN_LABELS, type GuizhouSubPlan } from './domain.js';
import { GuizhouCohort, GuizhouTrainee } from './entities/index.js';

const uuid = z.uuid('is not an id from this API');
const SUB_PLAN_ZH: Record<string, string> = Object.fromEntries(Object.entries(SUB_PLAN_LABELS).map(([code, l]) => [l.zh, code]));

/** 班级学员名单: a cohort's enrolments from the commission's list. */
export const enrolmentsImporter: Importer<{ cohortId: string }, { programmeId: string }> = {
  key: `${PLUGIN_KEY}.enrolments`,
  title: 'Cohort enrolments',
  titleZh: '进修班学员名单',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN],
  params: z.object({ cohortId: uuid }),
  columns: [
    { header: '姓名', field: 'name', type: 'text', required: true },
    { header: '身份证号', field: 'talentId', type: 'text', required: true },
    { header: '子计划', field: 'subPlan', type: 'enum', values: SUB_PLAN_ZH, required: true },
    { header: '进修期限（月）', aliases: ['进修期限(月)', '培训期限（月）'], field: 'termMonths', type: 'integer', required: true, note: '3、6 或 12' },
    { header: '带教老师', field: 'mentorName', type: 'text' },
    { header: '带教老师职称', field: 'mentorTitle', type: 'text' },
    { header: '带教老师科室', field: 'mentorDepartment', type: 'text' },
  ],
  naturalKey: (v) => `id:${String(v.talentId).toUpperCase()}`,
  async prepare(ctx, { cohortId }) {
    const cohort = await ctx.em.findOne(GuizhouCohort, cohortId);
    if (!cohort) throw notFound('GuizhouCohort', cohortId);
    return { programmeId: cohort.programme.id };
  },
  async apply(ctx, v, { cohortId }, { programmeId }) {
    const talent = await findTalentByIdNumber(ctx, String(v.talentId));
    if (!talent) throw badInput({ field: 'talentId', message: 'no talent has this ID number (register them with the talents list first)' });
    if (talent.name !== v.name) throw badInput({ field: 'name', message: `the talent with this ID number is called ${talent.name}` });
    if (await ctx.em.count(GuizhouTrainee, { cohort: cohortId, talent: talent.id })) return 'unchanged';
    let application = await ctx.em.findOne(Application, { programme: programmeId, talent: talent.id });
    application ??= await submitApplication(ctx, { programmeId, talentId: talent.id, track: v.subPlan as GuizhouSubPlan });
    if (application.status === ApplicationStatus.INELIGIBLE) {
      throw invalidState(`not eligible: ${(application.eligibility?.reasons ?? []).map((r) => r.messageZh ?? r.message).join('；')}`);
    }
    if (application.status === ApplicationStatus.ELIGIBLE) await decideApplication(ctx, application.id, ApplicationStatus.SELECTED, 'Enrolled from the cohort list');
    const input = Object.assign(new GuizhouEnrolInput(), {
      applicationId: application.id,
      termMonths: v.termMonths as number,
      mentor: v.mentorName ? { name: v.mentorName, title: v.mentorTitle ?? null, department: v.mentorDepartment ?? null } : null,
    });
    validateInput(input, GuizhouEnrolInput);
    await enrol(ctx, input);
    return 'created';
  },
};

const FIGURES = [
  { header: '培训人数', key: 'trained', type: 'integer' },
  { header: '在训', key: 'inTraining', type: 'integer' },
  { header: '结业考核', key: 'concluded', type: 'integer' },
  { header: '合格结业', key: 'completed', type: 'integer' },
  { header: '优秀', key: 'excellent', type: 'integer' },
  { header: '已返岗', key: 'returned', type: 'integer' },
  { header: '结业率', key: 'completionRate', type: 'percent' },
  { header: '优秀率', key: 'excellentRate', type: 'percent' },
  { header: '引进新技术', key: 'newTechnologies', type: 'integer' },
  { header: '填补空白', key: 'gapsFilled', type: 'integer' },
  { header: '培训基层人员', key: 'grassrootsTrained', type: 'integer' },
] as const;
const FIELDS = FIGURES.map((f) => f.key).join(' ');

/** 工作台: the commission's dashboard (overall, by round, period and cohort), rates as percent cells. */
export const dashboardExporter: Exporter<{ verifiedOnly?: boolean }> = {
  key: `${PLUGIN_KEY}.dashboard`,
  title: 'Dashboard',
  titleZh: '贵州医疗人才计划统计',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER],
  params: z.object({ verifiedOnly: z.enum(['true', 'false']).optional().transform((v) => v === 'true') }),
  async write(book, { verifiedOnly }) {
    const { guizhouDashboard: d } = await book.query(
      `query($v: Boolean!) { guizhouDashboard(verifiedOnly: $v) { overall { ${FIELDS} } rounds { round figures { ${FIELDS} } } periods { round period figures { ${FIELDS} } } definitions { figure definitionZh } } }`,
      { v: !!verifiedOnly },
    );
    const table = (name: string, lead: { header: string; key: string }[]): ExportSheet => book.sheet(name, [...lead, ...FIGURES.map((f) => ({ ...f, width: 12 }))]);
    table('总体', [{ header: '范围', key: 'scope' }]).add({ scope: verifiedOnly ? '全部（仅已核实成果）' : '全部', ...d.overall });
    const rounds = table('按轮次', [{ header: '轮次', key: 'round' }]);
    for (const r of d.rounds) rounds.add({ round: r.round, ...r.figures });
    const periods = table('按期次', [{ header: '轮次', key: 'round' }, { header: '期次', key: 'period' }]);
    for (const p of d.periods) periods.add({ round: p.round, period: p.period, ...p.figures });
    const defs = book.sheet('口径说明', [{ header: '指标', key: 'figure', width: 24 }, { header: '定义', key: 'definitionZh', width: 90 }]);
    // The figure by its Chinese column header where the workbook has one (the API names it by its field).
    for (const x of d.definitions) defs.add({ figure: FIGURES.find((f) => f.key === x.figure)?.header ?? x.figure, definitionZh: x.definitionZh });
  },
};
