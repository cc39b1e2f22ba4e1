import { z } from 'zod';
import { Roles } from '../auth/roles.js';
import { TalentInput } from '../core/api/talent.resolver.js';
import { Talent } from '../core/entities/talent.js';
import { createTalent, stripNulls } from '../core/services/talents.js';
import { conflict } from '../errors.js';
import { validateInput } from '../graphql/validation.js';
import { blindIndex, keysOf } from '../security/personal-data.js';
import { DEGREE_ZH, ENGLISH_ZH, FIELD_ZH, GENDER_ZH, PROFESSION_ZH, TITLE_ZH } from './labels.js';
import type { ImportColumn, Importer } from './types.js';

export const TALENT_COLUMNS: readonly ImportColumn[] = [
  { header: '姓名', field: 'name', type: 'text', required: true },
  { header: '性别', field: 'gender', type: 'enum', values: GENDER_ZH, required: true },
  { header: '出生日期', field: 'birthDate', type: 'date', required: true, note: '如 1985-03-15' },
  { header: '身份证号', field: 'idCardNumber', type: 'text', note: '18位，单元格设为文本' },
  { header: '科室', field: 'department', type: 'text' },
  { header: '专业类别', field: 'field', type: 'enum', values: FIELD_ZH, required: true },
  { header: '职业', field: 'profession', type: 'enum', values: PROFESSION_ZH, required: true },
  { header: '职称', field: 'titleGrade', type: 'enum', values: TITLE_ZH, required: true },
  { header: '最高学历', field: 'highestDegree', type: 'enum', values: DEGREE_ZH, required: true },
  { header: '人才项目', field: 'talentProgrammes', type: 'list', note: '代码，以顿号分隔，如 rising_star、wenzhou_e_class' },
  { header: '行政管理经历（月）', aliases: ['行政管理经历(月)'], field: 'adminExperienceMonths', type: 'integer' },
  { header: '英语水平', field: 'englishSelfDeclared', type: 'enum', values: ENGLISH_ZH },
  { header: '负主责医疗事件', field: 'adverseIncidentPrimaryResponsibility', type: 'boolean', note: '是/否' },
  { header: '手机号', aliases: ['手机', '联系电话'], field: 'phone', type: 'text' },
  { header: '电子邮箱', aliases: ['邮箱'], field: 'email', type: 'text' },
];

/**
 * 单位人才名册: a unit's staff, one talent per row, registered exactly as `createTalent` registers
 * them (its input's zod schema, the unit check, one person per ID number in the region). A
 * person already in the unit (same ID number, or same name and birth date when the row has no
 * ID number) is left as they are, so importing a list again adds only who is new.
 */
export const talentsImporter: Importer<{ unitId: string }> = {
  key: 'talents',
  title: "A unit's talents",
  titleZh: '单位人才名册',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR],
  params: z.object({ unitId: z.uuid('is not an id from this API') }),
  columns: TALENT_COLUMNS,
  naturalKey: (v) => (v.idCardNumber ? `id:${v.idCardNumber}` : `nb:${v.name}|${v.birthDate}`),
  check: (values, { unitId }) => validateInput({ ...stripNulls(values), unitId }, TalentInput),
  async apply(ctx, values, { unitId }) {
    const input = { ...stripNulls(values), unitId };
    validateInput(input, TalentInput);
    const id = values.idCardNumber as string | null;
    // Looked up in the actor's row scope: a coordinator finds only their own unit's people.
    const existing = id
      ? await ctx.em.findOne(Talent, { idCardIndex: blindIndex(keysOf(ctx.em.getPlatform()), id) }, { fields: ['id', 'unit'] })
      : await ctx.em.findOne(Talent, { unit: unitId, name: values.name as string, birthDate: values.birthDate as string }, { fields: ['id', 'unit'] });
    if (existing) {
      if (existing.unit.id === unitId) return 'unchanged';
      throw conflict('A talent with this ID number is registered in another unit of this region', { field: 'idCardNumber' });
    }
    await createTalent(ctx, input);
    return 'created';
  },
};
