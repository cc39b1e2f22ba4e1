/** Helpers shared by the plugin's resolvers: loading rows (row-scoped), stage checks, the plugin's config. */
import type { EntityClass } from '@mikro-orm/core';
import { z } from 'zod';
import { Roles, assertRecordWrite, badInput, invalidState, isCalendarDate, notFound, schemeProgramme, type CalendarDate, type ConfigVersion, type Programme, type RequestContext } from '../../../src/index.js';
import type { WenzhouConfig } from '../config.js';
import { STAGE_ORDER, WenzhouStage } from '../entities/enums.js';
import type { WenzhouCandidacy } from '../entities/selection.js';

export const PLUGIN_KEY = 'wenzhou-overseas';

export const calendarDate = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
export const uuid = z.uuid('is not an id from this API');
export const text = (max = 2000) => z.string().trim().min(1, 'is required').max(max);

/** The plugin's configuration in force on a day (a call is judged by the rules of its reference date). */
export async function configOn(ctx: RequestContext, date: CalendarDate): Promise<ConfigVersion<WenzhouConfig>> {
  const pctx = await ctx.plugin<WenzhouConfig>(PLUGIN_KEY);
  return pctx.configOn(date);
}

/** Load a row through the request's row-scoped em: another unit's row is "not found", never "forbidden". */
export async function load<T extends object>(ctx: RequestContext, entity: EntityClass<T>, id: string, field: string, populate?: string[]): Promise<T> {
  if (!uuid.safeParse(id).success) throw badInput({ field, message: 'is not an id from this API' });
  const row = await ctx.em.findOne(entity, id as never, populate ? ({ populate } as never) : undefined);
  if (!row) throw notFound(entity.name.replace(/^Wenzhou/, ''), id);
  return row as T;
}

export async function wenzhouProgramme(ctx: RequestContext, id: string, field = 'programmeId'): Promise<Programme> {
  if (!uuid.safeParse(id).success) throw badInput({ field, message: 'is not an id from this API' });
  return schemeProgramme(ctx, PLUGIN_KEY, id, field, 'a Wenzhou overseas call');
}

/** Out-of-order moves are refused with INVALID_STATE, saying where the applicant is and what was expected. */
export function requireStage(c: WenzhouCandidacy, allowed: readonly WenzhouStage[], action: string): void {
  if (!allowed.includes(c.stage)) {
    throw invalidState(`Cannot ${action}: the applicant is at stage ${c.stage}, expected ${allowed.join(' or ')}`, { stage: c.stage, expected: [...allowed] });
  }
}

export const atOrAfter = (stage: WenzhouStage) => STAGE_ORDER.slice(STAGE_ORDER.indexOf(stage));

/** Unit-side writes: the commission anywhere, a coordinator in their own unit, a talent for themselves where allowed. */
export const assertWrite = (ctx: RequestContext, row: { unit: { id: string }; talent: { id: string } }, allowTalent = false) => assertRecordWrite(ctx.actor, row, { talent: allowTalent });

export const COMMISSION = [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN] as const;
export const UNIT_OR_COMMISSION = [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR] as const;
export const UNIT_COMMISSION_OR_TALENT = [...UNIT_OR_COMMISSION, Roles.TALENT] as const;
export const EXPERT = [Roles.COMMITTEE_EXPERT] as const;

