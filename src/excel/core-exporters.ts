import { z } from 'zod';
import { Roles, hasRole } from '../auth/roles.js';
import { daysBetween } from '../calendar.js';
import { DEGREE_ZH, ENGLISH_ZH, FIELD_ZH, GENDER_ZH, PROFESSION_ZH, TITLE_ZH, labelOf } from './labels.js';
import type { ExportColumn, Exporter } from './types.js';

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : null);

/**
 * 人才名册: the talents the requester may see (a unit its own), with the columns the talents import
 * reads, so an exported roster imports again. ID numbers and phones are personal data: they are
 * asked for only when the requester's role reads them through the API (the talent, their unit,
 * the commission); for anyone else the columns are not in the file at all.
 */
export const talentsExporter: Exporter<{ unitId?: string }> = {
  key: 'talents',
  title: 'Talent roster',
  titleZh: '人才名册',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR, Roles.VIEWER],
  params: z.object({ unitId: z.uuid('is not an id from this API').optional() }),
  async write(book, { unitId }, ctx) {
    const personal = hasRole(ctx.actor, Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR);
    const columns: ExportColumn[] = [
      { header: '姓名', key: 'name' },
      { header: '性别', key: 'gender', width: 6 },
      { header: '出生日期', key: 'birthDate', type: 'date', width: 12 },
      ...(personal ? [{ header: '身份证号', key: 'idCardNumber', width: 22 }] : []),
      { header: '所在单位', key: 'unit', width: 28 },
      { header: '科室', key: 'department' },
      { header: '专业类别', key: 'field' },
      { header: '职业', key: 'profession' },
      { header: '职称', key: 'titleGrade' },
      { header: '最高学历', key: 'highestDegree' },
      { header: '人才项目', key: 'talentProgrammes', width: 24 },
      { header: '行政管理经历（月）', key: 'adminExperienceMonths', type: 'integer' },
      { header: '英语水平', key: 'englishSelfDeclared' },
      { header: '负主责医疗事件', key: 'adverse' },
      ...(personal ? [{ header: '手机号', key: 'phone', width: 14 }] : []),
      { header: '电子邮箱', key: 'email', width: 24 },
    ];
    const sheet = book.sheet('人才名册', columns);
    const doc = `query($first: Int, $after: String, $unitId: ID) { talents(first: $first, after: $after, filter: { unitId: $unitId }) {
      nodes { name gender birthDate ${personal ? 'idCardNumber phone' : ''} department field profession titleGrade highestDegree talentProgrammes
        adminExperienceMonths englishSelfDeclared adverseIncidentPrimaryResponsibility email unit { name } }
      pageInfo { hasNextPage endCursor } } }`;
    for await (const t of book.pages<any>(doc, { unitId: unitId ?? null }, (d) => d.talents)) {
      sheet.add({
        ...t,
        unit: t.unit?.name,
        gender: labelOf(GENDER_ZH, lower(t.gender)),
        field: labelOf(FIELD_ZH, lower(t.field)),
        profession: labelOf(PROFESSION_ZH, lower(t.profession)),
        titleGrade: labelOf(TITLE_ZH, lower(t.titleGrade)),
        highestDegree: labelOf(DEGREE_ZH, lower(t.highestDegree)),
        englishSelfDeclared: labelOf(ENGLISH_ZH, lower(t.englishSelfDeclared)),
        adverse: t.adverseIncidentPrimaryResponsibility ? '是' : '否',
      });
    }
  },
};

const REPORT_STATUS_ZH: Record<string, string> = { DUE: '未提交', RETURNED: '退回修改' };

/** 逾期报告: reports past their due day and not handed in, for the requester's scope (a unit: its own). */
export const overdueReportsExporter: Exporter<{ unitId?: string }> = {
  key: 'overdue-reports',
  title: 'Overdue reports',
  titleZh: '逾期报告清单',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR, Roles.VIEWER],
  params: z.object({ unitId: z.uuid('is not an id from this API').optional() }),
  async write(book, { unitId }, ctx) {
    const today = ctx.clock.today();
    const sheet = book.sheet('逾期报告', [
      { header: '姓名', key: 'name' },
      { header: '所在单位', key: 'unit', width: 28 },
      { header: '报告', key: 'title', width: 30 },
      { header: '应交日期', key: 'dueOn', type: 'date', width: 12 },
      { header: '逾期天数', key: 'late', type: 'integer' },
      { header: '状态', key: 'status' },
    ]);
    sheet.banner(`逾期报告清单（截至 ${today}，上海时间）`);
    const doc = `query($first: Int, $after: String, $unitId: ID) { reports(first: $first, after: $after, filter: { overdue: true, unitId: $unitId }) {
      nodes { titleZh dueOn status talent { name unit { name } } } pageInfo { hasNextPage endCursor } } }`;
    for await (const r of book.pages<any>(doc, { unitId: unitId ?? null }, (d) => d.reports)) {
      sheet.add({ name: r.talent?.name, unit: r.talent?.unit?.name, title: r.titleZh, dueOn: r.dueOn, late: daysBetween(r.dueOn, today), status: REPORT_STATUS_ZH[r.status] ?? r.status });
    }
  },
};
