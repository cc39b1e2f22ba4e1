import type { CalendarDate } from '../../calendar.js';
import { badInput, conflict, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ProgrammeStatus } from '../domain.js';
import { Programme, ProgrammeTrack } from '../entities/programme.js';

export interface SchemeProgrammeInput {
  code: string;
  name: string;
  year?: number | null;
  referenceDate: CalendarDate;
  opensOn?: CalendarDate | null;
  closesOn?: CalendarDate | null;
  quota?: number | null;
  status?: ProgrammeStatus;
  tracks?: readonly { code: string; name: string; quota?: number | null }[] | null;
}

/**
 * Create a programme owned by a scheme, with its tracks: the scheme must be enabled here, the
 * code free in the tenant (CONFLICT naming `codeField`, by default `code`: a scheme that derives
 * the code from a year names `year`), track codes distinct. Not flushed: the caller's commit
 * writes it with the scheme's own row. Every scheme's "create a call / cohort / round" began so.
 */
export async function createSchemeProgramme(ctx: RequestContext, scheme: string, input: SchemeProgrammeInput, opts: { codeField?: string } = {}): Promise<Programme> {
  if (!ctx.tenant.plugins.includes(scheme)) {
    throw badInput({ field: 'scheme', message: `"${scheme}" is not enabled here; enabled: ${ctx.tenant.plugins.join(', ') || 'none'}` });
  }
  const codes = (input.tracks ?? []).map((t) => t.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) throw badInput({ field: 'tracks', message: `track "${dup}" is listed twice` });
  if (await ctx.em.findOne(Programme, { code: input.code }, { fields: ['id'], filters: false })) {
    throw conflict(`A programme with code ${input.code} exists`, { field: opts.codeField ?? 'code' });
  }
  const programme = ctx.em.create(Programme, {
    scheme,
    code: input.code,
    name: input.name,
    year: input.year ?? null,
    referenceDate: input.referenceDate,
    opensOn: input.opensOn ?? null,
    closesOn: input.closesOn ?? null,
    quota: input.quota ?? null,
    status: input.status ?? ProgrammeStatus.DRAFT,
  });
  for (const t of input.tracks ?? []) ctx.em.create(ProgrammeTrack, { programme, code: t.code, name: t.name, quota: t.quota ?? null });
  return programme;
}

/**
 * A programme by id that must belong to `scheme`: NOT_FOUND when there is none, BAD_USER_INPUT
 * naming `field` when it is another scheme's ("is not a Wenzhou overseas call").
 */
export async function schemeProgramme(ctx: RequestContext, scheme: string, id: string, field = 'programmeId', what = `a ${scheme} programme`): Promise<Programme> {
  const programme = await ctx.em.findOne(Programme, id);
  if (!programme) throw notFound('Programme', id);
  if (programme.scheme !== scheme) throw badInput({ field, message: `programme ${programme.code} is not ${what}` });
  return programme;
}
