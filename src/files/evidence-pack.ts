import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { Roles, hasRole } from '../auth/roles.js';
import { Application } from '../core/entities/application.js';
import { AuditEntry } from '../core/entities/audit-entry.js';
import { Outcome } from '../core/entities/outcome.js';
import { Placement } from '../core/entities/placement.js';
import { Programme } from '../core/entities/programme.js';
import { Report } from '../core/entities/report.js';
import { Talent } from '../core/entities/talent.js';
import { badInput, forbidden, notFound } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import { auditRead, resolveOwner } from './attachments.js';
import type { FileStorage } from './storage.js';
import { FILE_KIND_ZH, StoredFile } from './stored-file.js';

/**
 * An evidence pack for an audit: one zip of a talent's or a call's documents, with
 * - `files/…`: every attachment the requester may read (each file's owner in their row scope),
 * - `index.xlsx`: what each file is, whose, which record it belongs to, who uploaded it, its SHA-256,
 * - `audit-trail.xlsx`: the audit entries of those records and files (who changed, uploaded,
 *   downloaded what, when), personal data masked as in the trail itself,
 * - `manifest.json`: the same, for machines (paths, sizes, checksums).
 * Everything is read before the answer starts, so a refusal is an ordinary error; the zip is then
 * streamed from the store, one file at a time.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Subject {
  kind: 'talent' | 'programme';
  id: string;
  label: string;
  /** Record ids whose files and audit entries the pack holds. */
  records: Map<string, string>;
  talents: Map<string, string>;
}

async function talentSubject(ctx: RequestContext, id: string): Promise<Subject> {
  const talent = await ctx.em.findOne(Talent, id);
  if (!talent) throw notFound('Talent', id);
  const s: Subject = { kind: 'talent', id, label: talent.name, records: new Map([[id, 'Talent']]), talents: new Map([[id, talent.name]]) };
  for (const [entity, type] of [[Application, 'Application'], [Placement, 'Placement'], [Report, 'Report'], [Outcome, 'Outcome']] as const) {
    for (const r of await ctx.em.find(entity as typeof Application, { talent: id }, { fields: ['id'] })) s.records.set(r.id, type);
  }
  return s;
}

async function programmeSubject(ctx: RequestContext, id: string): Promise<Subject> {
  const programme = await ctx.em.findOne(Programme, id);
  if (!programme) throw notFound('Programme', id);
  const s: Subject = { kind: 'programme', id, label: `${programme.code} ${programme.name}`, records: new Map([[id, 'Programme']]), talents: new Map() };
  // Row-scoped: a unit's pack holds its own people's applications only.
  const applications = await ctx.em.find(Application, { programme: id }, { populate: ['talent'] as never });
  for (const a of applications) {
    s.records.set(a.id, 'Application');
    s.records.set(a.talent.id, 'Talent');
    s.talents.set(a.talent.id, a.talent.name);
  }
  const placements = await ctx.em.find(Placement, { application: { $in: applications.map((a) => a.id) } }, { fields: ['id'] });
  for (const p of placements) s.records.set(p.id, 'Placement');
  for (const [entity, type] of [[Report, 'Report'], [Outcome, 'Outcome']] as const) {
    for (const r of await ctx.em.find(entity as typeof Report, { placement: { $in: placements.map((p) => p.id) } }, { fields: ['id'] })) s.records.set(r.id, type);
  }
  return s;
}

async function xlsxFile(path: string, sheet: string, columns: { header: string; key: string; width: number }[], rows: Record<string, unknown>[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function sendEvidencePack(ctx: RequestContext, storage: FileStorage, query: URLSearchParams, spoolDir: string, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  if (!hasRole(ctx.actor, Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR)) throw forbidden('Evidence packs are for the commission and the units');
  const talentId = query.get('talentId');
  const programmeId = query.get('programmeId');
  if (!talentId === !programmeId) throw badInput({ field: talentId ? 'programmeId' : 'talentId', message: 'give exactly one of talentId and programmeId' });
  const id = (talentId ?? programmeId)!;
  if (!UUID.test(id)) throw badInput({ field: talentId ? 'talentId' : 'programmeId', message: 'is not an id from this API' });
  const subject = talentId ? await talentSubject(ctx, id) : await programmeSubject(ctx, id);

  // Files of those records and of the people concerned (certificates), each re-checked through its owner.
  const candidates = await ctx.em.find(StoredFile, { $or: [{ ownerId: { $in: [...subject.records.keys()] } }, { talent: { $in: [...subject.talents.keys()] } }] }, { filters: false, orderBy: { id: 'asc' } });
  const files: StoredFile[] = [];
  for (const f of candidates) {
    try {
      await resolveOwner(ctx, f.ownerType, f.ownerId);
      files.push(f);
      subject.records.set(f.ownerId, f.ownerType);
    } catch {
      /* out of the requester's scope: not in their pack */
    }
  }
  const audited = [...subject.records.keys(), ...files.map((f) => f.id)];
  const entries = await ctx.em.find(AuditEntry, { entityId: { $in: audited } }, { orderBy: { seq: 'asc' }, limit: 50_000 });
  const talentNames = new Map(subject.talents);
  for (const t of await ctx.em.find(Talent, { id: { $in: files.map((f) => f.talent.id) } }, { fields: ['id', 'name'] })) talentNames.set(t.id, t.name);

  await mkdir(spoolDir, { recursive: true });
  const index = join(spoolDir, `${randomUUID()}-index.xlsx`);
  const trail = join(spoolDir, `${randomUUID()}-audit.xlsx`);
  try {
    const paths = files.map((f, i) => `files/${String(i + 1).padStart(4, '0')}-${safeName(f.filename)}`);
    await xlsxFile(
      index,
      '文件清单',
      [
        { header: '序号', key: 'n', width: 6 }, { header: '文件', key: 'path', width: 40 }, { header: '类别', key: 'kind', width: 10 },
        { header: '人员', key: 'talent', width: 12 }, { header: '所属记录', key: 'owner', width: 16 }, { header: '记录编号', key: 'ownerId', width: 38 },
        { header: '上传人', key: 'by', width: 16 }, { header: '上传时间（上海）', key: 'at', width: 18 }, { header: '字节', key: 'size', width: 10 }, { header: 'SHA-256', key: 'sha256', width: 66 },
      ],
      files.map((f, i) => ({ n: i + 1, path: paths[i], kind: FILE_KIND_ZH[f.kind], talent: talentNames.get(f.talent.id) ?? '', owner: f.ownerType, ownerId: f.ownerId, by: f.uploadedBy, at: shanghai(f.createdAt), size: f.size, sha256: f.sha256 })),
    );
    await xlsxFile(
      trail,
      '审计记录',
      [
        { header: '序号', key: 'seq', width: 8 }, { header: '时间（上海）', key: 'at', width: 18 }, { header: '操作人', key: 'actor', width: 18 }, { header: '角色', key: 'roles', width: 20 },
        { header: '对象', key: 'entity', width: 16 }, { header: '对象编号', key: 'entityId', width: 38 }, { header: '操作', key: 'action', width: 12 },
        { header: '变更前', key: 'before', width: 50 }, { header: '变更后', key: 'after', width: 50 }, { header: '请求编号', key: 'requestId', width: 38 }, { header: '哈希', key: 'hash', width: 66 },
      ],
      entries.map((e) => ({ seq: String(e.seq), at: shanghai(e.at), actor: e.actor, roles: e.actorRoles.join(','), entity: e.entity, entityId: e.entityId, action: e.action, before: e.before ? JSON.stringify(e.before) : '', after: e.after ? JSON.stringify(e.after) : '', requestId: e.requestId ?? '', hash: e.hash ?? '' })),
    );
    const manifest = {
      tenant: ctx.tenant.key,
      subject: { kind: subject.kind, id: subject.id, label: subject.label },
      generatedAt: ctx.clock.now().toISOString(),
      generatedBy: ctx.actor.userId,
      files: files.map((f, i) => ({ path: paths[i], id: f.id, ownerType: f.ownerType, ownerId: f.ownerId, kind: f.kind, size: f.size, sha256: f.sha256 })),
      auditEntries: entries.length,
    };
    await auditRead(ctx, 'export', 'EvidencePack', subject.id, { kind: subject.kind, files: files.length, auditEntries: entries.length });
    const zip = new yazl.ZipFile();
    zip.addFile(index, 'index.xlsx');
    zip.addFile(trail, 'audit-trail.xlsx');
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json');
    for (const [i, f] of files.entries()) zip.addReadStream(await storage.get(f.storageKey), paths[i]!, { size: f.size });
    zip.end();
    const name = `证据包-${safeName(subject.label)}-${ctx.clock.today()}.zip`;
    res.writeHead(200, { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="evidence-pack.zip"; filename*=UTF-8''${encodeURIComponent(name)}`, 'cache-control': 'private, no-store', ...headers });
    await new Promise<void>((resolve, reject) => {
      zip.outputStream.on('error', reject);
      res.on('error', reject);
      res.on('finish', resolve);
      zip.outputStream.pipe(res);
    });
  } finally {
    await rm(index, { force: true });
    await rm(trail, { force: true });
  }
}
