import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { App } from '../app.js';
import { badInput, notFound } from '../errors.js';
import { commitBatch, dryRun } from '../excel/import-runner.js';
import { exportersOf, importersOf } from '../excel/registry.js';
import { runExport, XLSX } from '../excel/export-runner.js';
import { writeTemplate } from '../excel/template.js';
import { filenameProblem } from '../files/sniff.js';
import { discard, spool, TooLargeError, type Spooled } from '../files/spool.js';
import { HttpError } from './errors.js';
import type { RateLimiter } from './rate-limit.js';
import { asTenantUser, attachmentDisposition, sendJson, type Route } from './tenant-request.js';

const paramsOf = (url: URL, skip: string[] = []) => Object.fromEntries([...url.searchParams].filter(([k]) => !skip.includes(k)));

/**
 * Name lists in and out as .xlsx, beside /graphql:
 * - `POST /imports/<importer>?<params>&filename=…` (the file as the body): the dry run — every
 *   problem with its sheet, row and column, nothing written but the batch record;
 * - `POST /imports/batches/<id>/commit`: all rows or none;
 * - `GET /imports/<importer>/template`: the empty list with its headers;
 * - `GET /exports/<exporter>?<params>`: a workbook of what the requester may read.
 */
export function excelRoutes(app: App, limiter: RateLimiter): Route {
  const importerOr404 = (tenant: Parameters<typeof importersOf>[1], key: string) => {
    const importer = importersOf(app.host, tenant).get(key);
    if (!importer) throw notFound('Importer', key);
    return importer;
  };

  return async (req, res, url, requestId) => {
    const path = url.pathname;
    const commit = /^\/imports\/batches\/([^/]+)\/commit$/.exec(path);
    if (commit && req.method === 'POST') {
      const out = await asTenantUser(app, limiter, req, requestId, async (ctx, auth) => ({
        headers: auth.headers,
        report: await commitBatch({ storage: app.files, importers: importersOf(app.host, ctx.tenant) }, ctx, decodeURIComponent(commit[1]!)),
      }));
      sendJson(res, out.report.problemCount ? 422 : 200, out.report, { 'x-request-id': requestId, ...out.headers });
      return true;
    }
    const template = /^\/imports\/([^/]+)\/template$/.exec(path);
    if (template && req.method === 'GET') {
      const file = join(app.config.FILE_SPOOL_DIR, `${randomUUID()}.xlsx`);
      try {
        const { importer, headers } = await asTenantUser(app, limiter, req, requestId, async (ctx, auth) => ({ importer: importerOr404(ctx.tenant, decodeURIComponent(template[1]!)), headers: auth.headers }));
        await mkdir(app.config.FILE_SPOOL_DIR, { recursive: true });
        await writeTemplate(importer, file);
        res.writeHead(200, { 'content-type': XLSX, 'content-length': String((await stat(file)).size), 'content-disposition': attachmentDisposition(`${importer.titleZh}（模板）.xlsx`), ...headers });
        await pipeline(createReadStream(file), res);
      } finally {
        await rm(file, { force: true });
      }
      return true;
    }
    const imp = /^\/imports\/([^/]+)$/.exec(path);
    if (imp && req.method === 'POST') {
      let spooled: Spooled | undefined;
      try {
        const out = await asTenantUser(app, limiter, req, requestId, async (ctx, auth) => {
          const importer = importerOr404(ctx.tenant, decodeURIComponent(imp[1]!));
          const filename = url.searchParams.get('filename') ?? 'import.xlsx';
          const nameProblem = filenameProblem(filename);
          if (nameProblem) throw badInput({ field: 'filename', message: nameProblem });
          try {
            spooled = await spool(req, app.config.FILE_SPOOL_DIR, app.config.IMPORT_MAX_BYTES, req.headers['content-length'] ? Number(req.headers['content-length']) : undefined);
          } catch (e) {
            if (e instanceof TooLargeError) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${e.limit} bytes (IMPORT_MAX_BYTES)`, auth.headers, { field: 'file' });
            throw e;
          }
          if (!spooled.size) throw badInput({ field: 'file', message: 'is empty: send the .xlsx file as the request body' });
          const report = await dryRun({ storage: app.files, importers: importersOf(app.host, ctx.tenant) }, ctx, importer, paramsOf(url, ['filename']), spooled, filename);
          return { headers: auth.headers, report };
        });
        sendJson(res, 200, out.report, { 'x-request-id': requestId, ...out.headers });
      } finally {
        await discard(spooled);
      }
      return true;
    }
    const exp = /^\/exports\/([^/]+)$/.exec(path);
    if (exp && req.method === 'GET') {
      await asTenantUser(app, limiter, req, requestId, async (ctx, auth) => {
        const exporter = exportersOf(app.host, ctx.tenant).get(decodeURIComponent(exp[1]!));
        if (!exporter) throw notFound('Exporter', exp[1]!);
        const built = await app.schemas.get(app.host.enabled(ctx.tenant));
        await runExport(ctx, exporter, paramsOf(url), { schema: built.schema, spoolDir: app.config.FILE_SPOOL_DIR, res, headers: { 'x-request-id': requestId, ...auth.headers } });
      });
      return true;
    }
    return false;
  };
}
