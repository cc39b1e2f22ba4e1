import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTenantFile } from '../../src/tenancy/tenant-file.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createUnit } from '../support/fixtures.js';

/**
 * Chinese first (issue 17): every error a user can meet carries `extensions.messageZh` in Chinese:
 * a bad input names each field in Chinese (zod's zh-CN text for configuration and page sizes, our
 * own Chinese where the message has it), other errors say what their code means; plain HTTP
 * routes answer the same way; a tenant file's problem reads in both languages.
 */
let h: Harness;
let admin: string;
let unit: string;
const CJK = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('alpha', 'commission-admin');
  unit = await createUnit(h, admin, 'Alpha First Hospital');
});
afterAll(async () => h?.close());

const zhOf = (r: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => r.body.errors?.[0]?.extensions?.messageZh as string;

describe('errors in Chinese', () => {
  it('configuration refused by the plugin schema: the field and zod’s Chinese', async () => {
    const r = await h.gql(admin, `mutation { updatePluginConfig(plugin: "sample-scheme", effectiveFrom: "2026-01-01", config: { maxAge: 12 }) { revision } }`);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'config.maxAge' });
    expect(zhOf(r)).toBe('config.maxAge：数值过小：期望 number >=18');
    expect((r.body.errors?.[0]?.extensions?.fields as { messageZh: string }[])[0]!.messageZh).toBe('数值过小：期望 number >=18');
  });

  it('a bad page size, every bad field of an input, a missing record, a refused role', async () => {
    expect(zhOf(await h.gql(admin, `{ talents(first: 0) { totalCount } }`))).toBe('first：至少为 1');
    const input = await h.gql(admin, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
      i: { name: '', gender: 'MALE', birthDate: '1985-03-15', unitId: unit, field: 'WESTERN_MEDICINE', profession: 'DOCTOR', titleGrade: 'INTERMEDIATE', highestDegree: 'MASTER', email: 'not-an-email' },
    });
    expect(input.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const zh = zhOf(input);
    expect(zh).toMatch(CJK);
    for (const f of input.body.errors![0]!.extensions!.fields as { field: string }[]) expect(zh).toContain(`${f.field}：`);
    const missing = await h.gql(admin, `mutation { decideApplication(id: "018f0000-0000-7000-8000-000000000000", status: SELECTED) { id } }`);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(zhOf(missing)).toBe('记录不存在，或不在您的可见范围内');
    const viewer = await h.token('alpha', 'viewer');
    const refused = await h.gql(viewer, `mutation { updatePluginConfig(plugin: "sample-scheme", effectiveFrom: "2026-01-01", config: {}) { revision } }`);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(zhOf(refused)).toBe('当前角色无权执行此操作');
  });

  it('a document that does not parse and an unknown route say it in Chinese too', async () => {
    expect(zhOf(await h.gql(admin, `{ talents(`))).toMatch(CJK);
    const res = await h.http(admin, '/no-such-route');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { errors: { extensions: { code: string; messageZh: string } }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'NOT_FOUND', messageZh: '记录不存在，或不在您的可见范围内' });
  });

  it('a tenant file’s problem names the field in English and Chinese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zh-tenant-'));
    writeFileSync(join(dir, 'zhtown.yaml'), 'key: zhtown\nname: Zhtown\nlevel: city\nreminders:\n  sendAtHour: "soon"\n');
    expect(() => readTenantFile(join(dir, 'zhtown.yaml'), h.app.host)).toThrow(/reminders.sendAtHour.*无效输入：期望 数字/);
  });
});
