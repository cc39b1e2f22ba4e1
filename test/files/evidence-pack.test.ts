import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzip } from '../support/zip.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';
import { readXlsx } from '../support/xlsx.js';

/** One zip per talent or call: the files the requester may read, an index, the audit trail of those records, a manifest. */
let h: Harness;
let admin: string;
let coordA: string;
let coordB: string;
let talentA: string;
let talentB: string;
let programme: string;
const pdf = (t: string) => Buffer.from(`%PDF-1.4\n% ${t}\ntrailer\n<< >>\n%%EOF\n`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');


async function placed(token: string, talent: string, name: string) {
  const a = await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t: talent });
  await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.submitApplication.id });
  const host = await createHost(h, admin, `Host ${name}`);
  const p = await h.ok(admin, `mutation($a: ID!, $h: ID!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: "2025-03-01", plannedEnd: "2025-05-31" }) { id reports { id } } }`, { a: a.submitApplication.id, h: host });
  const up = (ownerType: string, ownerId: string, kind: string, filename: string, body: Buffer) => h.http(token, `/files?${new URLSearchParams({ ownerType, ownerId, kind, filename })}`, { method: 'POST', body });
  await up('Placement', p.createPlacement.id, 'host_letter', `接收函-${name}.pdf`, pdf(`letter ${name}`));
  await up('Report', p.createPlacement.reports[0].id, 'report', `总结报告-${name}.pdf`, pdf(`report ${name}`));
  await up('Talent', talent, 'certificate', `证书-${name}.pdf`, pdf(`cert ${name}`));
}

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('alpha', 'commission-admin');
  const unitA = await createUnit(h, admin, 'Unit A');
  const unitB = await createUnit(h, admin, 'Unit B');
  coordA = await h.token('alpha', 'unit-coordinator', { unitId: unitA });
  coordB = await h.token('alpha', 'unit-coordinator', { unitId: unitB });
  talentA = await createTalent(h, admin, unitA, { name: '陈志远', idCardNumber: '330302198503150011' });
  talentB = await createTalent(h, admin, unitB, { name: '周敏' });
  programme = await createOpenProgramme(h, admin, 'EV-2025');
  await placed(coordA, talentA, 'A');
  await placed(coordB, talentB, 'B');
});
afterAll(() => h?.close());

const pack = async (token: string, q: string) => {
  const res = await h.http(token, `/evidence-packs?${q}`);
  return { res, entries: res.status === 200 ? await unzip(Buffer.from(await res.arrayBuffer())) : null };
};

describe('evidence packs', () => {
  it('a talent’s pack holds their files with checksums, an index, and the audit trail of those records', async () => {
    const { res, entries } = await pack(admin, `talentId=${talentA}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const names = [...entries!.keys()].sort();
    expect(names).toEqual(['audit-trail.xlsx', 'files/0001-接收函-A.pdf', 'files/0002-总结报告-A.pdf', 'files/0003-证书-A.pdf', 'index.xlsx', 'manifest.json'].sort());
    const manifest = JSON.parse(entries!.get('manifest.json')!.toString());
    for (const f of manifest.files) expect(sha(entries!.get(f.path)!)).toBe(f.sha256);
    expect(entries!.get('files/0002-总结报告-A.pdf')!.equals(pdf('report A'))).toBe(true);
    const index = await readXlsx(entries!.get('index.xlsx')!);
    expect(index.sheets[0]!.rows.slice(1).map((r) => [r[2], r[3], r[4]])).toEqual([['接收函', '陈志远', 'Placement'], ['报告', '陈志远', 'Report'], ['证书', '陈志远', 'Talent']]);
    const trail = await readXlsx(entries!.get('audit-trail.xlsx')!);
    const actions = trail.sheets[0]!.rows.slice(1).map((r) => `${r[4]}:${r[6]}`);
    expect(actions).toContain('Talent:create');
    expect(actions).toContain('Placement:create');
    expect(actions.filter((a) => a === 'StoredFile:create')).toHaveLength(3);
    // The trail masks personal data as the audit trail does.
    expect(entries!.get('audit-trail.xlsx')!.toString('latin1')).not.toContain('330302198503150011');
    expect(JSON.stringify(trail.sheets)).not.toContain('330302198503150011');
  });

  it('a call’s pack for a unit holds only its own people; another unit cannot have a talent’s pack', async () => {
    const mine = await pack(coordA, `programmeId=${programme}`);
    const files = [...mine.entries!.keys()].filter((n) => n.startsWith('files/'));
    expect(files.map((f) => f.replace(/^files\/\d+-/, '')).sort()).toEqual(['接收函-A.pdf', '总结报告-A.pdf', '证书-A.pdf'].sort());
    const all = await pack(admin, `programmeId=${programme}`);
    expect([...all.entries!.keys()].filter((n) => n.startsWith('files/'))).toHaveLength(6);
    expect((await pack(coordB, `talentId=${talentA}`)).res.status).toBe(404);
    expect((await pack(await h.token('alpha', 'viewer'), `talentId=${talentA}`)).res.status).toBe(403);
    expect((await pack(admin, `talentId=${talentA}&programmeId=${programme}`)).res.status).toBe(400);
  });
});
