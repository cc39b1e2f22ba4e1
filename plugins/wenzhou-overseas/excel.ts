/**
 * The plan's name lists in and out of Excel: units register their staff under a call from a list
 * (四(一)), and the commission circulates the internally published list (四(四), marked internal:
 * units must not publish it), the cost sheet (五(三), money in yuan) and its statistics.
 */
import { z } from 'zod';
import {
  Application,
  Roles,
  badInput,
  findTalentByIdNumber,
  labelOf,
  validateInput,
  type Exporter,
  type Importer,
} from '../../src/index.js';
import { registerCandidacy } from './api/selection.resolver.js';
import { WenzhouRegisterInput } from './api/selection.types.js';
import { configOn, PLUGIN_KEY, wenzhouProgramme } from './api/common.js';
import { DEFAULT_TRACKS, TRACK_CODES, type WenzhouConfig } from './config.js';
import { WenzhouCandidacy } from './entities/selection.js';

const uuid = z.uuid('is not an id from this API');
/** 医学领军人才 → leading_talent, … (the plan's own names of the five tracks). */
const TRACK_ZH: Record<string, string> = Object.fromEntries(TRACK_CODES.map((c) => [DEFAULT_TRACKS[c].nameZh, c]));
const COST_ZH: Record<string, string> = { 国际旅费: 'airfare', 住宿费: 'accommodation', 培训学费: 'tuition', 生活费: 'living', 保险费: 'insurance', 签证费: 'visa', 行前培训费: 'training', 其他: 'other' };
const STAGE_ZH: Record<string, string> = { published: '已发布', exit_cleared: '已办出国手续', placed: '已派出（待出发）', abroad: '在外研学', returned: '已返岗' };

/** 报名名单: a unit's registrations to a call, one staff member per row, each as `wenzhouRegister`. */
export const registrationsImporter: Importer<{ programmeId: string }> = {
  key: `${PLUGIN_KEY}.registrations`,
  title: 'Registrations to a call',
  titleZh: '百医出海报名名单',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR],
  params: z.object({ programmeId: uuid }),
  columns: [
    { header: '姓名', field: 'name', type: 'text', required: true },
    { header: '身份证号', field: 'talentId', type: 'text', required: true, note: '须为本单位已登记人员' },
    { header: '选派类别', aliases: ['项目类别'], field: 'track', type: 'enum', values: TRACK_ZH, required: true },
    { header: '单位承诺', field: 'unitAttestation', type: 'boolean', required: true, note: '是：单位承诺其政治表现、品行、身心健康及符合人才培养规划（三(一)(二)(四)）' },
  ],
  naturalKey: (v) => `id:${String(v.talentId).toUpperCase()}`,
  async prepare(ctx, { programmeId }) {
    await wenzhouProgramme(ctx, programmeId);
  },
  async apply(ctx, values, { programmeId }) {
    const talent = await findTalentByIdNumber(ctx, String(values.talentId));
    // Only people the actor sees: another unit's staff are "not registered here", never named.
    if (!talent) throw badInput({ field: 'talentId', message: 'no talent you may register has this ID number (register them with the talents list first)' });
    if (talent.name !== values.name) throw badInput({ field: 'name', message: `the talent with this ID number is called ${talent.name}` });
    if (await ctx.em.count(Application, { programme: programmeId, talent: talent.id })) return 'unchanged';
    const input = Object.assign(new WenzhouRegisterInput(), { programmeId, talentId: talent.id, track: values.track, unitAttestation: values.unitAttestation });
    validateInput(input, WenzhouRegisterInput);
    await registerCandidacy(ctx, input);
    return 'created';
  },
};

/** 选派名单（内部发布）: the published list, as `wenzhouPublishedList` shows it (a unit: its own people). */
export const publishedListExporter: Exporter<{ programmeId: string }> = {
  key: `${PLUGIN_KEY}.published-list`,
  title: 'Published list (internal)',
  titleZh: '百医出海选派名单',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR],
  params: z.object({ programmeId: uuid }),
  async classification(ctx, { programmeId }) {
    const programme = await wenzhouProgramme(ctx, programmeId);
    const { config } = await configOn(ctx, programme.referenceDate);
    return (config as WenzhouConfig).publishedListInternalOnly
      ? { mark: '内部资料', notice: '经审定后对内发布，各单位不得将人才名单对外发布（温州市“百医出海”方案 四（四））' }
      : null;
  },
  async write(book, { programmeId }) {
    const { programme } = await book.query(`query($id: ID!) { programme(id: $id) { code name } }`, { id: programmeId });
    const sheet = book.sheet('选派名单', [
      { header: '序号', key: 'n', type: 'integer', width: 6 },
      { header: '选派类别', key: 'track', width: 16 },
      { header: '姓名', key: 'name' },
      { header: '所在单位', key: 'unit', width: 28 },
      { header: '科室', key: 'department' },
      { header: '类别排名', key: 'rank', type: 'integer' },
      { header: '综合得分', key: 'score', type: 'decimal' },
      { header: '状态', key: 'stage' },
    ]);
    sheet.banner(`${programme?.name ?? ''}（${programme?.code ?? ''}）`);
    const doc = `query($first: Int, $after: String, $p: ID!) { wenzhouPublishedList(programmeId: $p, first: $first, after: $after) {
      nodes { track rank totalScore stage talent { name department unit { name } } } pageInfo { hasNextPage endCursor } } }`;
    let n = 0;
    for await (const c of book.pages<any>(doc, { p: programmeId }, (d) => d.wenzhouPublishedList)) {
      sheet.add({ n: ++n, track: labelOf(TRACK_ZH, c.track), name: c.talent?.name, unit: c.talent?.unit?.name, department: c.talent?.department, rank: c.rank, score: c.totalScore, stage: STAGE_ZH[String(c.stage).toLowerCase()] ?? c.stage });
    }
  },
};

/** 经费分担表: every cost item of the stays the requester sees, split foundation / unit / individual (五(三)). */
export const costSheetExporter: Exporter<{ programmeId?: string }> = {
  key: `${PLUGIN_KEY}.cost-sheet`,
  title: 'Cost sheet',
  titleZh: '百医出海经费分担表',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR],
  params: z.object({ programmeId: uuid.optional() }),
  async write(book, { programmeId }) {
    const sheet = book.sheet('经费分担', [
      { header: '姓名', key: 'name' },
      { header: '所在单位', key: 'unit', width: 28 },
      { header: '选派类别', key: 'track', width: 16 },
      { header: '费用类别', key: 'category' },
      { header: '摘要', key: 'description', width: 30 },
      { header: '发生日期', key: 'incurredOn', type: 'date', width: 12 },
      { header: '金额（元）', key: 'amountFen', type: 'money', width: 14 },
      { header: '基金会承担（元）', key: 'foundationFen', type: 'money', width: 16 },
      { header: '单位承担（元）', key: 'unitFen', type: 'money', width: 16 },
      { header: '个人承担（元）', key: 'individualFen', type: 'money', width: 16 },
      { header: '分担比例', key: 'shares', width: 12 },
    ]);
    sheet.banner('经费由瓯越卫生健康发展基金会、人才所在单位和个人共同承担（方案 五（三）），金额单位：元');
    const doc = `query($first: Int, $after: String, $p: ID) { wenzhouStays(first: $first, after: $after, filter: { programmeId: $p }) {
      nodes { track talent { name unit { name } } costItems { category description incurredOn amountFen foundationFen unitFen individualFen foundationPct unitPct individualPct } }
      pageInfo { hasNextPage endCursor } } }`;
    const total = { amountFen: 0, foundationFen: 0, unitFen: 0, individualFen: 0 };
    for await (const s of book.pages<any>(doc, { p: programmeId ?? null }, (d) => d.wenzhouStays)) {
      for (const c of s.costItems) {
        for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
        sheet.add({ ...c, name: s.talent?.name, unit: s.talent?.unit?.name, track: labelOf(TRACK_ZH, s.track), category: labelOf(COST_ZH, String(c.category).toLowerCase()), shares: `${c.foundationPct}/${c.unitPct}/${c.individualPct}` });
      }
    }
    sheet.add({ name: '合计', ...total });
  },
};

/** 统计报表: `wenzhouStatistics` as the commission reads it, one sheet per table. */
export const statisticsExporter: Exporter<{ programmeId?: string }> = {
  key: `${PLUGIN_KEY}.statistics`,
  title: 'Statistics',
  titleZh: '百医出海统计报表',
  roles: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER],
  params: z.object({ programmeId: uuid.optional() }),
  async write(book, { programmeId }) {
    const { wenzhouStatistics: s } = await book.query(
      `query($p: ID) { wenzhouStatistics(programmeId: $p) { asOf applicants eligible selected abroadNow returned reportsOverdue breaches openClawbacks clawbackOutstandingFen fiveYearTarget selectedInPlan
        byTrack { track quota applicants eligible selected abroadNow returned } outcomes { track category count quantity flagship }
        spending { foundationFen unitFen individualFen totalFen } } }`,
      { p: programmeId ?? null },
    );
    const overview = book.sheet('概览', [
      { header: '指标', key: 'k', width: 30 },
      { header: '数值', key: 'v', type: 'integer', width: 14 },
    ]);
    overview.banner(`统计截至 ${s.asOf}`);
    const figures: [string, number][] = [
      ['报名人数', s.applicants], ['符合条件', s.eligible], ['入选人数', s.selected], ['在外研学', s.abroadNow], ['已返岗', s.returned],
      ['逾期报告', s.reportsOverdue], ['擅自延期', s.breaches], ['未结追回', s.openClawbacks], ['五年目标', s.fiveYearTarget], ['方案累计入选', s.selectedInPlan],
    ];
    for (const [k, v] of figures) overview.add({ k, v });
    const tracks = book.sheet('分类别', [
      { header: '选派类别', key: 'track', width: 16 }, { header: '名额', key: 'quota', type: 'integer' }, { header: '报名', key: 'applicants', type: 'integer' },
      { header: '符合条件', key: 'eligible', type: 'integer' }, { header: '入选', key: 'selected', type: 'integer' }, { header: '在外', key: 'abroadNow', type: 'integer' }, { header: '返岗', key: 'returned', type: 'integer' },
    ]);
    for (const t of s.byTrack) tracks.add({ ...t, track: labelOf(TRACK_ZH, t.track) });
    const outcomes = book.sheet('成果', [
      { header: '选派类别', key: 'track', width: 16 }, { header: '成果类别', key: 'category', width: 24 }, { header: '项数', key: 'count', type: 'integer' }, { header: '数量合计', key: 'quantity', type: 'integer' }, { header: '标志性成果', key: 'flagship', type: 'integer' },
    ]);
    for (const o of s.outcomes) outcomes.add({ ...o, track: labelOf(TRACK_ZH, o.track) });
    const money = book.sheet('经费', [
      { header: '承担方', key: 'k', width: 20 },
      { header: '金额（元）', key: 'v', type: 'money', width: 16 },
    ]);
    for (const [k, v] of [['基金会', s.spending.foundationFen], ['单位', s.spending.unitFen], ['个人', s.spending.individualFen], ['合计', s.spending.totalFen], ['待追回', s.clawbackOutstandingFen]] as [string, number][]) money.add({ k, v });
  },
};
