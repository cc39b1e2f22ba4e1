import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugins } from '../../plugins/index.js';
import { hospitalOverseasPlugin } from '../../plugins/hospital-overseas/hospital-overseas.plugin.js';
import { managementDelegationPlugin } from '../../plugins/management-delegation/management-delegation.plugin.js';
import { missingConfigMeta } from '../../src/plugin/config-schema.js';
import { TenantSettingsSchema } from '../../src/tenancy/settings.js';
import { expectError, startScheme, tokens, type Harness } from '../kit/index.js';

/**
 * Issue 14, "Values the plans do not give": every configuration value says where it comes from
 * (the clause it implements, or "local default"), visible in the config schema and through the
 * API; issue 17: each plugin's configuration published as JSON Schema with sources and Chinese
 * labels, so a commission's admin page is a form.
 */

describe('every configuration field says where its value comes from, with a Chinese label', () => {
  it('every registered plugin: no field without `source` and `labelZh`', () => {
    const problems = plugins.flatMap((p) => missingConfigMeta(p.config).map((m) => `${p.key}: ${m}`));
    expect(problems).toEqual([]);
  });

  it('the core’s tenant settings (reminders, the overdue cut-off, webhook, channels) too', () => {
    expect(missingConfigMeta(TenantSettingsSchema)).toEqual([]);
  });

  it('names the field at fault when one is missing', async () => {
    const { z } = await import('zod');
    const schema = z.object({
      good: z.number().default(1).meta({ source: 'local default', labelZh: '好' }),
      noLabel: z.number().default(2).meta({ source: 'local default' }),
      nested: z.object({ bare: z.boolean().default(true) }).prefault({}),
      list: z.array(z.object({ x: z.string().meta({ labelZh: '叉' }) })).default([]).meta({ source: 'local default', labelZh: '列' }),
    });
    expect(missingConfigMeta(schema)).toEqual(['noLabel: missing labelZh', 'nested.bare: missing source, labelZh', 'list[].x: missing source']);
  });
});

describe('pluginConfigSchema and tenantSettingsSchema through the API', () => {
  let h: Harness;
  const TENANTS = {
    hubei: { level: 'province' },
    wuhanunion: { level: 'hospital', parent: 'hubei', plugins: { 'hospital-overseas': { config: { comparisonWindowMonths: 36 } } }, reminders: { overdueCutoffDays: 60 } },
    pumch: { level: 'hospital', plugins: { 'management-delegation': {} } },
  };
  const QUERY = `query($p: String!) { pluginConfigSchema(plugin: $p) { owner revision effectiveFrom jsonSchema values fields { path labelZh source description type default value } } }`;

  beforeAll(async () => {
    h = await startScheme({ plugins: [hospitalOverseasPlugin, managementDelegationPlugin], tenants: TENANTS, today: '2026-03-01' });
  });
  afterAll(async () => h?.close());

  it('a commission admin reads its plugin’s schema as a form: JSON Schema with source and labelZh on each field, the values in force', async () => {
    const admin = await tokens(h, 'pumch').admin();
    const d = (await h.ok(admin, QUERY, { p: 'management-delegation' })).pluginConfigSchema;
    expect(d.owner).toBe('management-delegation');
    expect(d.jsonSchema.properties.memberCap).toMatchObject({ type: 'integer', default: 15, minimum: 1, maximum: 200, source: 'local default', labelZh: '代表团人数上限' });
    expect(d.values).toEqual({ memberCap: 15, groupReportDueDays: 30, actionPlanDueDays: 14, maxPlanMonths: 12, maxMilestones: 12 });
    expect(d.fields.map((f: any) => f.path)).toEqual(['memberCap', 'groupReportDueDays', 'actionPlanDueDays', 'maxPlanMonths', 'maxMilestones']);
    expect(d.fields[0]).toMatchObject({ labelZh: '代表团人数上限', source: 'local default', type: 'integer', default: 15, value: 15 });
    expect(d.fields[0].description).toMatch(/^local default: /);

    // A changed value shows as the value in force, beside its default and source.
    await h.ok(admin, `mutation { updatePluginConfig(plugin: "management-delegation", effectiveFrom: "2026-03-01", config: { memberCap: 20 }) { revision } }`);
    const after = (await h.ok(admin, QUERY, { p: 'management-delegation' })).pluginConfigSchema;
    expect(after.revision).toBe(d.revision + 1);
    expect(after.fields[0]).toMatchObject({ path: 'memberCap', default: 15, value: 20, source: 'local default' });
  });

  it('nested configuration: the seed clause a value implements, per-channel fields, maps and lists of the schema', async () => {
    const admin = await tokens(h, 'wuhanunion').admin();
    const d = (await h.ok(admin, QUERY, { p: 'hospital-overseas' })).pluginConfigSchema;
    const field = (path: string) => d.fields.find((f: any) => f.path === path);
    expect(field('comparisonWindowMonths')).toMatchObject({ labelZh: '科研产出对比窗口（月）', source: 'local default', default: 24, value: 36 });
    expect(field('channels.award_2012.since')).toMatchObject({ labelZh: '设立年份', value: 2012 });
    expect(field('channels.award_2012.since').source).toMatch(/^seed 000: "added in 2012"/);
    expect(field('channels.eight_year_2014.eligibility.maxAge')).toMatchObject({ labelZh: '年龄上限', value: 35 });
    expect(field('appraisalSchemes.*.grades[].incentiveFen')).toMatchObject({ labelZh: '奖励金额（分）', value: null });
    expect(d.values.appraisalSchemes.award_plan.nameZh).toBe('奖励计划绩效考核');
    for (const f of d.fields) {
      expect(f.source, f.path).toBeTruthy();
      expect(f.labelZh, f.path).toBeTruthy();
    }
  });

  it('the tenant’s core settings: the overdue cut-off with its source, the tenant file’s value', async () => {
    const admin = await tokens(h, 'wuhanunion').admin();
    const d = (await h.ok(admin, `{ tenantSettingsSchema { owner revision values fields { path labelZh source default value } } }`)).tenantSettingsSchema;
    expect(d.owner).toBe('core');
    const cutoff = d.fields.find((f: any) => f.path === 'reminders.overdueCutoffDays');
    expect(cutoff).toMatchObject({ labelZh: '长期逾期界限（天）：超过则汇总提醒', default: 30, value: 60 });
    expect(cutoff.source).toMatch(/^local default/);
    expect(d.fields.find((f: any) => f.path === 'reminders.escalations[].to')).toMatchObject({ labelZh: '督办对象（单位/卫健委）' });
  });

  it('who may read it, and a plugin the tenant does not enable', async () => {
    const t = tokens(h, 'pumch');
    await expectError(h.gql(await t.coordinator('0190a7c4-0000-7000-8000-000000000001'), QUERY, { p: 'management-delegation' }), 'FORBIDDEN');
    await expectError(h.gql(await t.admin(), QUERY, { p: 'hospital-overseas' }), 'NOT_FOUND');
    await expectError(h.gql(await t.viewer(), `{ tenantSettingsSchema { owner } }`), 'FORBIDDEN');
    expect((await h.ok(await t.viewer(), QUERY, { p: 'management-delegation' })).pluginConfigSchema.owner).toBe('management-delegation');
  });
});
