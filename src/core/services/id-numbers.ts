import { hasRole, Roles } from '../../auth/roles.js';
import { AppError, conflict, ErrorCode } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { blindIndex, keysOf } from '../../security/personal-data.js';
import { AuditEntry } from '../entities/audit-entry.js';
import { Talent } from '../entities/talent.js';

/**
 * One talent per ID number in a region, without an oracle across units.
 *
 * The commission, and a coordinator whose own unit has the person, are told plainly (CONFLICT).
 * A coordinator who enters a number another unit registered learns only that it is taken in the
 * region, which uniqueness cannot hide; each such refusal is written to the audit trail (in a
 * transaction of its own, so the refused request's rollback keeps it) with the existing talent's
 * id for the commission, and after `foreignRefusalsPerUnitPerDay` of them in 24 hours the unit's
 * coordinators may write no ID number at all (ID_NUMBER_CHECKS_EXHAUSTED) until the window
 * passes: a unit cannot walk the region's ID numbers. The unique index on the blind index still
 * settles two requests racing (the loser gets CONFLICT).
 */
const REFUSAL = 'refused-foreign-id-number';
/** Refusals of a request still waiting for its transaction to end (an import refuses row after row). */
const pending = new WeakMap<RequestContext, number>();
/**
 * The unit's refusals already written, counted once per request: an import checks every row, and
 * counting the day's audit entries per row made a 10,000-row import quadratic (each imported talent
 * adds an entry to scan). What this request refuses meanwhile is `pending`.
 */
const written = new WeakMap<RequestContext, Promise<number>>();
const WINDOW_MS = 24 * 3600 * 1000;

export async function assertIdNumberFree(ctx: RequestContext, idCardNumber: string): Promise<void> {
  const unitScoped = !hasRole(ctx.actor, Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN);
  const limit = ctx.tenant.settings.idNumbers.foreignRefusalsPerUnitPerDay;
  if (unitScoped && (await refusalsToday(ctx)) >= limit) {
    throw new AppError(ErrorCode.ID_NUMBER_CHECKS_EXHAUSTED, `Your unit entered ${limit} ID numbers registered by other units in the last 24 hours; ID numbers can be written again after that, or by the commission`, { field: 'idCardNumber', max: limit });
  }
  const index = blindIndex(keysOf(ctx.em.getPlatform()), idCardNumber);
  // Looked up without the row scope: a coordinator must not register a person another unit has.
  const taken = await ctx.em.findOne(Talent, { idCardIndex: index }, { filters: false, fields: ['id', 'unit'] });
  if (!taken) return;
  if (!unitScoped || taken.unit.id === ctx.actor.unitId) {
    throw conflict('A talent with this ID number is already registered in this region', { field: 'idCardNumber', talentId: taken.id });
  }
  await recordRefusal(ctx, taken.id);
  throw conflict('This ID number is already registered in this region by another unit; the commission can move the person to your unit', { field: 'idCardNumber' });
}

async function refusalsToday(ctx: RequestContext): Promise<number> {
  const since = new Date(ctx.clock.now().getTime() - WINDOW_MS);
  let before = written.get(ctx);
  if (!before) {
    before = ctx.em.fork().count(AuditEntry, { action: REFUSAL, entity: 'Talent', at: { $gt: since }, after: { unitId: ctx.actor.unitId } } as never);
    written.set(ctx, before);
  }
  return (await before) + (pending.get(ctx) ?? 0);
}

async function recordRefusal(ctx: RequestContext, existingTalentId: string): Promise<void> {
  // Written once the request's transaction has ended: an audit entry waits for the tenant's chain
  // head, which that transaction holds as soon as it has audited a write (a second row of a
  // request, an import), so writing it beside the transaction would wait for ever. Until then it
  // counts as pending, so a request of many rows meets the limit all the same.
  pending.set(ctx, (pending.get(ctx) ?? 0) + 1);
  await ctx.afterTransaction(async () => {
    pending.set(ctx, (pending.get(ctx) ?? 1) - 1);
    await writeRefusal(ctx, existingTalentId);
  });
}

async function writeRefusal(ctx: RequestContext, existingTalentId: string): Promise<void> {
  // A fork has no transaction of the request's: this entry commits even though the request rolls back.
  const em = ctx.em.fork();
  em.create(AuditEntry, {
    actor: ctx.actor.userId,
    actorRoles: [...ctx.actor.roles],
    entity: 'Talent',
    entityId: existingTalentId,
    action: REFUSAL,
    before: null,
    after: { unitId: ctx.actor.unitId ?? null, reason: 'ID number registered by another unit' },
    requestId: ctx.requestId,
  });
  await em.flush();
}
