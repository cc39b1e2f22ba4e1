import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';
import { unzip } from '../support/zip.js';

/**
 * The production storage option against a real S3-compatible server (s3rver, which speaks the S3
 * REST protocol with SigV4 and keeps objects on disk): an attachment goes into the bucket under
 * the deployment's prefix, comes back byte for byte with its checksum, an evidence pack reads it
 * from there, and a file the bucket lost is reported as missing, not served empty.
 */
let h: Harness;
let s3: InstanceType<typeof S3rver>;
let dir: string;
let admin: string;
let talent: string;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'utf8');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 's3rver-'));
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'talent-files' }] });
  const { port } = await s3.run();
  h = await startHarness({
    env: {
      FILE_STORAGE: 's3',
      S3_BUCKET: 'talent-files',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_PREFIX: 'deployment-a',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
  admin = await h.token('alpha', 'commission-admin');
  talent = await createTalent(h, admin, await createUnit(h, admin, 'Alpha First Hospital'), { name: '林志远' });
});
afterAll(async () => {
  await h?.close();
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

const objectsInBucket = () => readdirSync(join(dir, 'talent-files'), { recursive: true }).map(String).filter((f) => !f.endsWith('._S3rver_metadata.json') && !f.endsWith('._S3rver_object.md5') && /\._S3rver_object$/.test(f));

describe('attachments in an S3-compatible bucket', () => {
  let file: { id: string; downloadPath: string; sha256: string };
  const body = pdf('进修结业证书');

  it('puts the upload in the bucket under the prefix and gives it back byte for byte', async () => {
    const res = await h.http(admin, `/files?${new URLSearchParams({ ownerType: 'Talent', ownerId: talent, kind: 'certificate', filename: '结业证书.pdf' })}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/octet-stream' },
    });
    file = (await res.json()) as typeof file;
    expect(res.status, JSON.stringify(file)).toBe(201);
    expect(file.sha256).toBe(sha(body));
    const stored = objectsInBucket();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.startsWith('deployment-a')).toBe(true);

    const got = await h.http(admin, file.downloadPath);
    expect(got.status).toBe(200);
    expect(got.headers.get('x-checksum-sha256')).toBe(sha(body));
    expect(Buffer.from(await got.arrayBuffer()).equals(body)).toBe(true);
  });

  it('an evidence pack reads the file from the bucket', async () => {
    const res = await h.http(admin, `/evidence-packs?talentId=${talent}`);
    expect(res.status).toBe(200);
    const entries = await unzip(Buffer.from(await res.arrayBuffer()));
    const pdfs = [...entries].filter(([name]) => name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(1);
    expect(pdfs[0]![1].equals(body)).toBe(true);
  });

  it('a file the bucket lost is an error, not an empty download', async () => {
    for (const f of readdirSync(join(dir, 'talent-files'), { recursive: true }).map(String)) if (f.includes('._S3rver_')) rmSync(join(dir, 'talent-files', f), { force: true });
    const got = await h.http(admin, file.downloadPath);
    expect(got.status).toBeGreaterThanOrEqual(400);
    expect(got.status).not.toBe(200);
  });
});
