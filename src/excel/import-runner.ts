import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { hasRole } from '../auth/roles.js';
import { Roles } from '../auth/roles.js';
import { conflict, forbidden, invalidState, isAppError, notFound } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import { check } from '../graphql/validation.js';
import type { Spooled } from '../files/spool.js';
import type { FileStorage } from '../files/storage.js';
import { columnLetter, parseCell } from './cells.js';
import { ImportBatch, ImportState } from './import-batch.js';
import { findHeader, readSheet, type HeaderMap } from './reader.js';
import type { Importer, RowOutcome } from './types.js';

/**
 * Imports, in two steps. The dry run keeps the uploaded file, runs every row through the
 * importer (the API's validation and services) inside a transaction, reports every problem with
 * its sheet, row and column, and rolls everything back. The commit runs the same file the same
 * way and commits only if no row has a problem: all or nothing, audited like any write (the
 * services' writes are; the batch row says who imported which file). A file already committed
 * for the same importer and parameters is recognised by its SHA-256 and changes nothing.
 *
 * Rows are applied in chunks inside savepoints, so a bad row is rolled back alone and the run
 * goes on to report the rest; the unit of work is cleared after each row, so neither memory nor
 * the cost of a flush grows with the file.
 */
export interface ImportProblem {
  sheet: string | null;
  /** 1-based, as Excel shows it; null for a problem with the whole file or its parameters. */
  row: number | null;
  /** Column letters (A, B, …AB), when the problem is one cell's. */
  column: string | null;
  header: string | null;
  /** The API field at fault (a column's field, or a parameter such as programmeId). */
  field: string | null;
  code: string;
  message: string;
}

export interface ImportReport {
  batchId: string;
  importer: string;
  dryRun: boolean;
  state: ImportState;
  filename: string;
  sha256: string;
  rows: number;
  /** Rows that were (dry run: would be) written. */
  created: number;
  /** Rows already there (found by their natural key): left as they are. */
  unchanged: number;
  problemCount: number;
  problems: ImportProblem[];
  /** The same file was committed before for the same import: nothing changes. */
  alreadyImported: boolean;
  committedAt: string | null;
  commitPath: string | null;
}

const CHUNK = 200;
const STORED_PROBLEMS = 500;

interface Outcome {
  rows: number;
  created: number;
  unchanged: number;
  problems: ImportProblem[];
}

const canonical = (v: unknown): string =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
    : JSON.stringify(v ?? null);

function assertMayImport(ctx: RequestContext, importer: Importer): void {
  if (!hasRole(ctx.actor, ...importer.roles)) throw forbidden(`Importing ${importer.titleZh} (${importer.key}) is for: ${importer.roles.join(', ')}`);
}

/** An error a row's service threw, as problems pointing at the cells of the fields it names. */
function problemsOf(e: unknown, importer: Importer, header: HeaderMap | null, row: number | null): ImportProblem[] {
  if (e instanceof UniqueConstraintViolationException) return [{ sheet: header?.sheet ?? null, row, column: null, header: null, field: null, code: 'CONFLICT', message: 'conflicts with a record written meanwhile; run the dry run again' }];
  if (!isAppError(e)) throw e;
  const ext = e.extensions as { code: string; field?: string; fields?: { field: string; message: string }[] };
  const fields = ext.fields ?? (ext.field ? [{ field: ext.field, message: e.message }] : [{ field: '', message: e.message }]);
  return fields.map((f) => {
    const name = f.field.split('.')[0]!;
    const col = importer.columns.find((c) => c.field === name);
    const at = col ? header?.index.get(col.field) : undefined;
    return { sheet: header?.sheet ?? null, row, column: at ? columnLetter(at) : null, header: col?.header ?? null, field: f.field || null, code: ext.code, message: f.message };
  });
}

async function sql(ctx: RequestContext, text: string): Promise<void> {
  await ctx.em.getConnection().execute(text, [], 'run', ctx.em.getTransactionContext());
}

/** Read the file and apply its rows in one transaction; commit only when asked and clean. */
async function run(ctx: RequestContext, importer: Importer, params: unknown, input: Readable, commit: null | ((o: Outcome) => Promise<void>)): Promise<Outcome> {
  // A list records what already happened: reports its rows leave past due are not chased.
  ctx.historical = true;
  const out: Outcome = { rows: 0, created: 0, unchanged: 0, problems: [] };
  let header: HeaderMap | null = null;
  let sheet: string | null = null;
  let state: unknown;
  const seen = new Map<string, number>();
  let chunk: { row: number; values: Record<string, unknown> }[] = [];

  const apply = async (r: { row: number; values: Record<string, unknown> }): Promise<RowOutcome> => {
    const o = await importer.apply(ctx, r.values, params, state);
    await ctx.em.flush();
    // Each flush compares every managed entity (and re-encrypts its personal data to do so): with
    // the row written, nothing of it needs managing, and a chunk's flushes stay linear.
    ctx.em.clear();
    return o;
  };
  const flushChunk = async () => {
    if (!chunk.length) return;
    const counts = { created: 0, unchanged: 0 };
    await sql(ctx, 'savepoint import_chunk');
    try {
      for (const r of chunk) counts[await apply(r)]++;
      await sql(ctx, 'release savepoint import_chunk');
    } catch {
      // Some row failed: undo the chunk and go row by row, to name every bad row and keep the good.
      await sql(ctx, 'rollback to savepoint import_chunk');
      ctx.em.clear();
      counts.created = counts.unchanged = 0;
      for (const r of chunk) {
        await sql(ctx, 'savepoint import_row');
        try {
          counts[await apply(r)]++;
          await sql(ctx, 'release savepoint import_row');
        } catch (e) {
          await sql(ctx, 'rollback to savepoint import_row');
          ctx.em.clear();
          out.problems.push(...problemsOf(e, importer, header, r.row));
        }
      }
    }
    out.created += counts.created;
    out.unchanged += counts.unchanged;
    ctx.em.clear();
    chunk = [];
  };

  await ctx.beginTransaction();
  let ok = false;
  try {
    try {
      state = await importer.prepare?.(ctx, params);
    } catch (e) {
      out.problems.push(...problemsOf(e, importer, null, null));
      return out;
    }
    let scanned = 0;
    for await (const item of readSheet(input)) {
      sheet = item.sheet;
      const { row } = item;
      if (!header) {
        header = findHeader(item.sheet, row, importer.columns);
        if (!header && ++scanned >= 10) break;
        continue;
      }
      if (row.cells.every((c) => c === null || c === undefined || (typeof c === 'string' && !c.trim()))) continue;
      out.rows++;
      const values: Record<string, unknown> = {};
      let bad = false;
      for (const col of importer.columns) {
        const at = header.index.get(col.field);
        const parsed = parseCell(col, at ? (row.cells[at] ?? null) : null);
        if (parsed.ok) values[col.field] = parsed.value;
        else {
          bad = true;
          out.problems.push({ sheet: item.sheet, row: row.number, column: at ? columnLetter(at) : null, header: col.header, field: col.field, code: 'BAD_USER_INPUT', message: at ? parsed.message : `${parsed.message} (no column ${col.header})` });
        }
      }
      if (bad) {
        // The cells that were read still go through the input's validation, so the row's other bad cells are named too.
        const named = new Set(out.problems.filter((p) => p.row === row.number).map((p) => p.field));
        try {
          importer.check?.(values, params);
        } catch (e) {
          out.problems.push(...problemsOf(e, importer, header, row.number).filter((p) => !named.has(p.field?.split('.')[0] ?? null)));
        }
        continue;
      }
      const key = importer.naturalKey?.(values, params);
      if (key) {
        const first = seen.get(key);
        if (first !== undefined) {
          out.problems.push({ sheet: item.sheet, row: row.number, column: null, header: null, field: null, code: 'CONFLICT', message: `the same person or record as row ${first}` });
          continue;
        }
        seen.set(key, row.number);
      }
      chunk.push({ row: row.number, values });
      if (chunk.length >= CHUNK) await flushChunk();
    }
    await flushChunk();
    if (!header) {
      const required = importer.columns.filter((c) => c.required).map((c) => c.header);
      out.problems.push({ sheet, row: null, column: null, header: null, field: null, code: 'BAD_USER_INPUT', message: `no header row with the columns ${required.join('、')} in the first 10 rows of the first sheet` });
    } else if (!out.rows) out.problems.push({ sheet, row: null, column: null, header: null, field: null, code: 'BAD_USER_INPUT', message: 'the sheet has no rows under its header' });
    if (commit && !out.problems.length) {
      await commit(out);
      ok = true;
    }
    return out;
  } finally {
    await ctx.endTransaction(ok);
  }
}

function report(batch: ImportBatch, outcome: Outcome | null, dryRun: boolean, alreadyImported = false): ImportReport {
  return {
    batchId: batch.id,
    importer: batch.importer,
    dryRun,
    state: batch.state,
    filename: batch.filename,
    sha256: batch.sha256,
    rows: outcome?.rows ?? batch.rows,
    created: alreadyImported ? 0 : (outcome?.created ?? batch.created),
    unchanged: alreadyImported ? batch.rows : (outcome?.unchanged ?? batch.unchanged),
    problemCount: outcome?.problems.length ?? batch.problemCount,
    problems: outcome?.problems ?? [],
    alreadyImported,
    committedAt: batch.committedAt?.toISOString() ?? null,
    commitPath: batch.state === ImportState.CHECKED ? `/imports/batches/${batch.id}/commit` : null,
  };
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface ImportDeps {
  storage: FileStorage;
  importers: ReadonlyMap<string, Importer>;
}

/** Step 1: keep the file, check every row as the commit would write it, write nothing but the batch record. */
export async function dryRun(deps: ImportDeps, ctx: RequestContext, importer: Importer, rawParams: Record<string, unknown>, file: Spooled, filename: string): Promise<ImportReport> {
  assertMayImport(ctx, importer);
  const params = check(importer.params, rawParams) as Record<string, unknown>;
  const scopeKey = `${importer.key}${canonical(params)}`;
  // In the actor's scope: another unit learns nothing of this unit's imports (its rows are refused as the API would).
  const done = await ctx.em.findOne(ImportBatch, { scopeKey, sha256: file.sha256, state: ImportState.COMMITTED });
  if (done) return report(done, null, true, true);
  const batch = ctx.em.create(ImportBatch, {
    importer: importer.key,
    params,
    scopeKey,
    // A coordinator's batches are their unit's (whatever unit the file named); the commission's, the import's.
    unit: hasRole(ctx.actor, Roles.UNIT_COORDINATOR) ? (ctx.actor.unitId ?? null) : ((importer.unitOf ? importer.unitOf(params) : (params.unitId as string | undefined)) ?? null),
    talent: hasRole(ctx.actor, Roles.TALENT) ? (ctx.actor.talentId ?? null) : null,
    filename,
    sha256: file.sha256,
    size: file.size,
    storageKey: '',
    state: ImportState.CHECKED,
    createdBy: ctx.actor.userId,
  } as never);
  batch.storageKey = `${ctx.tenant.key}/imports/${batch.id}.xlsx`;
  await deps.storage.put(batch.storageKey, file.path, { size: file.size, sha256: file.sha256, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  ctx.em.clear();
  const outcome = await run(ctx, importer, params, await deps.storage.get(batch.storageKey), null);
  Object.assign(batch, {
    state: outcome.problems.length ? ImportState.REJECTED : ImportState.CHECKED,
    rows: outcome.rows,
    created: outcome.created,
    unchanged: outcome.unchanged,
    problemCount: outcome.problems.length,
    problems: outcome.problems.slice(0, STORED_PROBLEMS),
  });
  ctx.em.persist(batch);
  await ctx.commit();
  return report(batch, outcome, true);
}

/** Step 2: apply a checked batch's file, all rows or none. Committing a committed batch changes nothing. */
export async function commitBatch(deps: ImportDeps, ctx: RequestContext, batchId: string): Promise<ImportReport> {
  const batch = await ctx.em.findOne(ImportBatch, batchId);
  if (!batch) throw notFound('ImportBatch', batchId);
  const importer = deps.importers.get(batch.importer);
  if (!importer) throw notFound('Importer', batch.importer);
  assertMayImport(ctx, importer);
  if (batch.state === ImportState.COMMITTED) return report(batch, null, false, true);
  if (batch.state === ImportState.REJECTED) throw invalidState(`The dry run of ${batch.filename} found ${batch.problemCount} problems: correct the file and upload it again`, { field: 'batchId' });
  const done = await ctx.em.findOne(ImportBatch, { scopeKey: batch.scopeKey, sha256: batch.sha256, state: ImportState.COMMITTED }, { filters: false });
  if (done) return report(done, null, false, true);
  if ((await sha256Of(await deps.storage.get(batch.storageKey))) !== batch.sha256) throw conflict(`The stored copy of ${batch.filename} no longer has its checksum; upload it again`, { field: 'batchId' });
  const params = check(importer.params, batch.params);
  ctx.em.clear();
  let committed: ImportBatch | null = null;
  const outcome = await run(ctx, importer, params, await deps.storage.get(batch.storageKey), async (o) => {
    // Locked: two commits of one batch at once write it once (and the unique index on committed
    // checksums refuses a second batch of the same file).
    const row = await ctx.em.findOneOrFail(ImportBatch, batchId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (row.state !== ImportState.CHECKED) throw conflict('This batch was committed meanwhile', { field: 'batchId' });
    Object.assign(row, { state: ImportState.COMMITTED, committedAt: ctx.clock.now(), rows: o.rows, created: o.created, unchanged: o.unchanged, problemCount: 0, problems: [] });
    committed = row;
    await ctx.em.flush();
  });
  if (!committed) {
    const again = await ctx.em.findOneOrFail(ImportBatch, batchId);
    Object.assign(again, { state: ImportState.REJECTED, problemCount: outcome.problems.length, problems: outcome.problems.slice(0, STORED_PROBLEMS) });
    await ctx.commit();
    return report(again, outcome, false);
  }
  return report(committed, outcome, false);
}
