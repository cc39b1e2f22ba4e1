import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';

/**
 * Attachments over plain HTTP beside /graphql: the content decides the type, the checksum travels
 * both ways, the owner's row scope decides who sees a file, every upload and download is audited,
 * and no other tenant can reach a file.
 */
let h: Harness;
let admin: string;
let unitA: string;
let unitB: string;
let talentA: string;
let coordA: string;
let coordB: string;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'utf8');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000d49484452000000010000000108020000009077053d', 'hex')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  h = await startHarness({ env: { FILE_MAX_BYTES: '4096' } });
  admin = await h.token('alpha', 'commission-admin');
  unitA = await createUnit(h, admin, 'Alpha First Hospital');
  unitB = await createUnit(h, admin, 'Alpha Second Hospital');
  talentA = await createTalent(h, admin, unitA, { name: '林志远' });
  coordA = await h.token('alpha', 'unit-coordinator', { unitId: unitA });
  coordB = await h.token('alpha', 'unit-coordinator', { unitId: unitB });
});
afterAll(() => h?.close());

const upload = (token: string | null, body: Buffer, q: Record<string, string>) =>
  h.http(token, `/files?${new URLSearchParams(q)}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });

describe('uploading and downloading', () => {
  it('keeps a PDF with its checksum, gives it back byte for byte, and lists it on its owner', async () => {
    const body = pdf('证书 certificate');
    const res = await upload(coordA, body, { ownerType: 'Talent', ownerId: talentA, kind: 'certificate', filename: '主治医师资格证.pdf' });
    const file = (await res.json()) as any;
    expect(res.status, JSON.stringify(file)).toBe(201);
    expect(file).toMatchObject({ ownerType: 'Talent', ownerId: talentA, kind: 'certificate', filename: '主治医师资格证.pdf', contentType: 'application/pdf', size: body.length, sha256: sha(body) });

    const got = await h.http(coordA, file.downloadPath);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('x-checksum-sha256')).toBe(sha(body));
    expect(decodeURIComponent(got.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('主治医师资格证.pdf');
    expect(Buffer.from(await got.arrayBuffer()).equals(body)).toBe(true);

    const listed = await h.ok(admin, `query($t: ID!) { attachments(ownerType: "Talent", ownerId: $t) { id kind filename sha256 downloadPath } }`, { t: talentA });
    expect(listed.attachments).toEqual([{ id: file.id, kind: 'CERTIFICATE', filename: '主治医师资格证.pdf', sha256: sha(body), downloadPath: `/files/${file.id}` }]);
  });

  it('checks a checksum the client sends', async () => {
    const res = await upload(coordA, pdf('x'), { ownerType: 'Talent', ownerId: talentA, kind: 'evidence', filename: 'x.pdf', sha256: '0'.repeat(64) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sha256' });
  });
});

describe('what is refused, naming the field, with nothing kept', () => {
  const refused = async (res: Response, status: number, code: string, field: string) => {
    expect(res.status).toBe(status);
    expect(((await res.json()) as any).errors[0].extensions).toMatchObject({ code, field });
  };

  it('by content, not by name: a PNG called .pdf, text called .pdf, an unknown kind', async () => {
    await refused(await upload(coordA, png, { ownerType: 'Talent', ownerId: talentA, kind: 'receipt', filename: 'receipt.pdf' }), 415, 'UNSUPPORTED_FILE_TYPE', 'file');
    await refused(await upload(coordA, Buffer.from('MZ this is not a document'), { ownerType: 'Talent', ownerId: talentA, kind: 'receipt', filename: 'receipt.pdf' }), 415, 'UNSUPPORTED_FILE_TYPE', 'file');
    await refused(await upload(coordA, pdf('y'), { ownerType: 'Talent', ownerId: talentA, kind: 'selfie', filename: 'a.pdf' }), 400, 'BAD_USER_INPUT', 'kind');
    await refused(await upload(coordA, pdf('y'), { ownerType: 'Talent', ownerId: talentA, kind: 'receipt' }), 400, 'BAD_USER_INPUT', 'filename');
    await refused(await upload(coordA, pdf('y'), { ownerType: 'AuditEntry', ownerId: talentA, kind: 'receipt', filename: 'a.pdf' }), 400, 'BAD_USER_INPUT', 'ownerType');
    // A PNG with its own name is fine.
    expect((await upload(coordA, png, { ownerType: 'Talent', ownerId: talentA, kind: 'receipt', filename: '发票.png' })).status).toBe(201);
  });

  it('by size (FILE_MAX_BYTES)', async () => {
    await refused(await upload(coordA, Buffer.concat([pdf('big'), Buffer.alloc(5000, 32)]), { ownerType: 'Talent', ownerId: talentA, kind: 'evidence', filename: 'big.pdf' }), 413, 'PAYLOAD_TOO_LARGE', 'file');
  });

  it('leaves no row behind for a refused upload', async () => {
    const rows = await h.app.orm.em.getConnection().execute(`select filename from t_alpha.stored_file order by filename`);
    expect(rows.map((r: any) => r.filename)).toEqual(['主治医师资格证.pdf', '发票.png']);
  });
});

describe('who reaches a file: those who see its owner', () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = ((await (await upload(coordA, pdf('host letter'), { ownerType: 'Talent', ownerId: talentA, kind: 'host_letter', filename: 'letter.pdf' })).json()) as any).id;
  });

  it('another unit can neither upload to nor download from the talent, nor list its files', async () => {
    expect((await upload(coordB, pdf('z'), { ownerType: 'Talent', ownerId: talentA, kind: 'evidence', filename: 'z.pdf' })).status).toBe(404);
    expect((await h.http(coordB, `/files/${fileId}`)).status).toBe(404);
    const r = await h.gql(coordB, `query($t: ID!) { attachments(ownerType: "Talent", ownerId: $t) { id } }`, { t: talentA });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('the talent reads their own; a viewer reads (tenant-wide) but cannot upload', async () => {
    const self = await h.token('alpha', 'talent', { talentId: talentA, unitId: unitA });
    expect((await h.http(self, `/files/${fileId}`)).status).toBe(200);
    const viewer = await h.token('alpha', 'viewer');
    expect((await h.http(viewer, `/files/${fileId}`)).status).toBe(200);
    expect((await upload(viewer, pdf('v'), { ownerType: 'Talent', ownerId: talentA, kind: 'evidence', filename: 'v.pdf' })).status).toBe(403);
  });

  it('another tenant never gets it, whatever its role', async () => {
    const beta = await h.token('beta', 'commission-admin');
    expect((await h.http(beta, `/files/${fileId}`)).status).toBe(404);
    expect((await h.http(null, `/files/${fileId}`)).status).toBe(401);
    const mismatch = await h.http(admin, `/files/${fileId}`, { headers: { 'x-tenant': 'beta' } });
    expect(mismatch.status).toBe(403);
  });

  it('uploads and downloads are in the audit trail', async () => {
    const trail = await h.ok(admin, `query { auditTrail(first: 100, filter: { entity: "StoredFile" }) { nodes { action entityId actor } } }`);
    const mine = trail.auditTrail.nodes.filter((n: any) => n.entityId === fileId);
    expect(mine.map((n: any) => n.action).sort()).toEqual(['create', 'download', 'download']);
  });
});
