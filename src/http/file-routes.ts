import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { App } from '../app.js';
import { auditRead, assertMayAttach, findAttachment, parseKind, resolveOwner, saveAttachment } from '../files/attachments.js';
import { sniff, filenameProblem } from '../files/sniff.js';
import { sendEvidencePack } from '../files/evidence-pack.js';
import { discard, spool, TooLargeError, type Spooled } from '../files/spool.js';
import { badInput } from '../errors.js';
import { HttpError } from './errors.js';
import type { RateLimiter } from './rate-limit.js';
import { asTenantUser, attachmentDisposition, inTransaction, sendJson, type Route } from './tenant-request.js';

/**
 * `POST /files?ownerType=Report&ownerId=…&kind=report&filename=总结报告.pdf` with the file as the
 * raw body, `GET /files/:id`, and `GET /evidence-packs?talentId=…|programmeId=…` (a zip). Plain HTTP beside /graphql (see docs/architecture.md, "Files"):
 * the body streams to disk instead of through a multipart parser, the same bearer token, tenant,
 * rate limit and row scope apply, and no cookie is involved, so there is nothing to forge.
 */
export function fileRoutes(app: App, limiter: RateLimiter): Route {
  const spoolDir = app.config.FILE_SPOOL_DIR;
  const maxBytes = app.config.FILE_MAX_BYTES;

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    let spooled: Spooled | undefined;
    try {
      const body = await asTenantUser(app, limiter, req, requestId, async (ctx, auth) => {
        const q = url.searchParams;
        const owner = await resolveOwner(ctx, q.get('ownerType') ?? '', q.get('ownerId') ?? '');
        assertMayAttach(ctx, owner);
        const kind = parseKind(q.get('kind'));
        const filename = q.get('filename');
        const nameProblem = filenameProblem(filename);
        if (nameProblem) throw badInput({ field: 'filename', message: nameProblem });
        try {
          spooled = await spool(req, spoolDir, maxBytes, req.headers['content-length'] ? Number(req.headers['content-length']) : undefined);
        } catch (e) {
          if (e instanceof TooLargeError) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes (FILE_MAX_BYTES)`, auth.headers, { field: 'file', max: maxBytes });
          throw e;
        }
        if (spooled.size === 0) throw badInput({ field: 'file', message: 'is empty: send the file as the request body' });
        const expected = q.get('sha256');
        if (expected && expected.toLowerCase() !== spooled.sha256) throw badInput({ field: 'sha256', message: `the file arrived with SHA-256 ${spooled.sha256}, not ${expected}` });
        const type = await sniff(spooled.path, filename!);
        if (!type.ok) throw new HttpError(415, 'UNSUPPORTED_FILE_TYPE', `file: ${type.message}`, auth.headers, { field: 'file' });
        const s = spooled;
        const file = await inTransaction(ctx, () => saveAttachment(ctx, app.files, { owner, kind, filename: filename!, contentType: type.contentType, spooled: s }));
        return { headers: auth.headers, file };
      });
      const f = body.file;
      sendJson(res, 201, { id: f.id, ownerType: f.ownerType, ownerId: f.ownerId, kind: f.kind, filename: f.filename, contentType: f.contentType, size: f.size, sha256: f.sha256, downloadPath: `/files/${f.id}` }, { 'x-request-id': requestId, ...body.headers });
    } finally {
      await discard(spooled);
    }
  }

  async function download(req: IncomingMessage, res: ServerResponse, id: string, requestId: string) {
    const { file, stream, headers } = await asTenantUser(app, limiter, req, requestId, async (ctx, auth) => {
      const file = await findAttachment(ctx, id);
      const stream = await app.files.get(file.storageKey);
      await auditRead(ctx, 'download', 'StoredFile', file.id, { ownerType: file.ownerType, ownerId: file.ownerId, sha256: file.sha256 });
      return { file, stream, headers: auth.headers };
    });
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': String(file.size),
      'content-disposition': attachmentDisposition(file.filename),
      // The stored type is the sniffed one; browsers must not guess another.
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      digest: `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`,
      'x-checksum-sha256': file.sha256,
      'x-request-id': requestId,
      ...headers,
    });
    await pipeline(stream, res);
  }

  return async (req, res, url, requestId) => {
    if (url.pathname === '/files' && req.method === 'POST') {
      await upload(req, res, url, requestId);
      return true;
    }
    if (url.pathname === '/evidence-packs' && req.method === 'GET') {
      await asTenantUser(app, limiter, req, requestId, (ctx, auth) => sendEvidencePack(ctx, app.files, url.searchParams, spoolDir, res, { 'x-request-id': requestId, ...auth.headers }));
      return true;
    }
    const m = /^\/files\/([^/]+)$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      await download(req, res, decodeURIComponent(m[1]!), requestId);
      return true;
    }
    return false;
  };
}
