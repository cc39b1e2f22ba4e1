/**
 * The county scheme in Excel: an apprentice (or their mentor, or the bureau) brings a case log
 * kept in a spreadsheet into the pair's log, each row as `countyCaseLogEntryCreate` checks it; the bureau
 * files its dashboard as a workbook.
 */
import { z } from 'zod';
import { CountyCaseLogEntry } from './entities/index.js';
import { Roles, validateInput, labelOf, type Exporter, type Importer } from '../../src/index.js';
import { logCase } from './api/case-log.resolver.js';
import { CountyCaseInput } from './api/types.js';
import { PLUGIN_KEY } from './config.js';
import { ActivityKind, CaseRole } from './domain.js';

const KIND_ZH: Record<string, string> = {
  手术: ActivityKind.OPERATION,
  操作: ActivityKind.PROCEDURE,
  影像报告: ActivityKind.IMAGING_REPORT,
  检验: ActivityKind.LAB_TEST,
  中医诊疗: ActivityKind.TCM_CONSULTATION,
  针灸: ActivityKind.ACUPUNCTURE,
  中药处方: ActivityKind.HERBAL_PRESCRIPTION,
  护理: ActivityKind.NURSING_CARE,
  护理操作: ActivityKind.NURSING_PROCEDURE,
  健康教育: ActivityKind.HEALTH_EDUCATION,
  处方审核: ActivityKind.PRESCRIPTION_REVIEW,
  用药咨询: ActivityKind.MEDICATION_CONSULTATION,
  调剂: ActivityKind.DISPENSING,
  其他: ActivityKind.OTHER,
};
const ROLE_ZH: Record<string, string> = { 独立完成: CaseRole.INDEPENDENT, 指导下完成: CaseRole.UNDER_GUIDANCE, 助手: CaseRole.ASSISTING };

/** 病例登记表: one pair's cases. A case already logged (same kind, day and case number) is left as it is. */
export const caseLogImporter: Importer<{ pairId: string }> = {
  key: `${PLUGIN_KEY}.case-logs`,
  title: 'Case log',
  titleZh: '师带徒病例登记表',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.MENTOR, Roles.TALENT],
  params: z.object({ pairId: z.uuid('is not an id from this API') }),
  columns: [
    { header: '类型', field: 'kind', type: 'enum', values: KIND_ZH, required: true },
    { header: '手术级别', aliases: ['级别'], field: 'grade', type: 'integer', note: '手术、操作填 1–4' },
    { header: '角色', field: 'role', type: 'enum', values: ROLE_ZH, required: true },
    { header: '日期', field: 'performedOn', type: 'date', required: true },
    { header: '病案号', field: 'caseReference', type: 'text', required: true },
    { header: '说明', field: 'description', type: 'text' },
  ],
  naturalKey: (v) => `${v.kind}|${v.performedOn}|${v.caseReference}`,
  check: (v, { pairId }) => validateInput(Object.assign(new CountyCaseInput(), { pairId, ...v }), CountyCaseInput),
  async apply(ctx, v, { pairId }) {
    const input = Object.assign(new CountyCaseInput(), { pairId, ...v, caseReference: String(v.caseReference).trim() });
    validateInput(input, CountyCaseInput);
    if (await ctx.em.count(CountyCaseLogEntry, { pair: pairId, kind: input.kind, performedOn: input.performedOn, caseReference: input.caseReference })) return 'unchanged';
    await logCase(ctx, input);
    return 'created';
  },
};

/** 工作台: the county dashboard (seed 004's figures) as one workbook. */
export const dashboardExporter: Exporter<{ roundId?: string }> = {
  key: `${PLUGIN_KEY}.dashboard`,
  title: 'County dashboard',
  titleZh: '县域师带徒统计',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER],
  params: z.object({ roundId: z.uuid('is not an id from this API').optional() }),
  async write(book, { roundId }) {
    const { countyDashboard: d } = await book.query(
      `query($r: ID) { countyDashboard(roundId: $r) { trainees mentors independentGrade1And2Operations guidedGrade3Operations conferences newTechnologies departmentHeads departmentBackbones
        retention { checked stillServing rate } casesByKind { kind count } } }`,
      { r: roundId ?? null },
    );
    const figures = book.sheet('主要指标', [
      { header: '指标', key: 'k', width: 30 },
      { header: '数值', key: 'v', type: 'integer', width: 12 },
    ]);
    for (const [k, v] of [
      ['结对学员', d.trainees], ['带教老师', d.mentors], ['独立完成一、二级手术', d.independentGrade1And2Operations], ['指导下完成三级手术', d.guidedGrade3Operations],
      ['参加学术会议', d.conferences], ['开展新技术新项目', d.newTechnologies], ['晋升科室主任', d.departmentHeads], ['成为科室骨干', d.departmentBackbones],
      ['留任核查人数', d.retention.checked], ['仍在县域服务', d.retention.stillServing],
    ] as [string, number][]) figures.add({ k, v });
    const rate = book.sheet('留任率', [{ header: '留任率', key: 'rate', type: 'percent' }]);
    rate.add({ rate: d.retention.rate });
    const kinds = book.sheet('病例类型', [{ header: '类型', key: 'kind' }, { header: '例数', key: 'count', type: 'integer' }]);
    for (const k of d.casesByKind) kinds.add({ kind: labelOf(KIND_ZH, String(k.kind).toLowerCase()), count: k.count });
  },
};
