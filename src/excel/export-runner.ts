import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { GraphQLSchema } from 'graphql';
import { hasRole } from '../auth/roles.js';
import { auditRead } from '../files/attachments.js';
import { forbidden } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import { check } from '../graphql/validation.js';
import { Book } from './book.js';
import type { Exporter } from './types.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Write an export to a spool file first, then send it: an error halfway (a role the API refuses a
 * field to) is then an ordinary error answer, not a truncated workbook, and memory stays that of
 * one row. Every export is audited (who took which list, with which parameters); a classified
 * one says so in the file name, the `X-Classification` header, every sheet and the properties.
 */
export async function runExport(
  ctx: RequestContext,
  exporter: Exporter,
  rawParams: Record<string, unknown>,
  opts: { schema: GraphQLSchema; spoolDir: string; res: ServerResponse; headers: Record<string, string> },
): Promise<void> {
  if (!hasRole(ctx.actor, ...exporter.roles)) throw forbidden(`Exporting ${exporter.titleZh} (${exporter.key}) is for: ${exporter.roles.join(', ')}`);
  const params = check(exporter.params, rawParams);
  const classification = (await exporter.classification?.(ctx, params)) ?? null;
  await mkdir(opts.spoolDir, { recursive: true });
  const path = join(opts.spoolDir, `${randomUUID()}.xlsx`);
  try {
    const title = `${exporter.titleZh}${classification ? `（${classification.mark}）` : ''}`;
    const book = new Book(path, ctx, opts.schema, title, classification);
    await exporter.write(book, params, ctx);
    await book.finish();
    await auditRead(ctx, 'export', 'Export', exporter.key, { params, classification: classification?.mark ?? null });
    const { size } = await stat(path);
    const filename = `${title}-${ctx.clock.today()}.xlsx`;
    opts.res.writeHead(200, {
      'content-type': XLSX,
      'content-length': String(size),
      'content-disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'private, no-store',
      ...(classification ? { 'x-classification': encodeURIComponent(classification.mark) } : {}),
      ...opts.headers,
    });
    await pipeline(createReadStream(path), opts.res);
  } finally {
    await rm(path, { force: true });
  }
}
