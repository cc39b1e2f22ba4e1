import { notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { assertUnitWrite } from '../api/access.js';
import { Institution } from '../entities/institution.js';
import { Talent } from '../entities/talent.js';
import { assertIdNumberFree } from './id-numbers.js';
import { blindIndex, keysOf } from '../../security/personal-data.js';

/** A new talent's data, as the API's `TalentInput` carries it (validated by its zod schema before). */
export type NewTalent = { unitId: string; idCardNumber?: string | null } & object;

/**
 * Register a talent in a unit: the commission anywhere, a coordinator in their own unit; an ID
 * number is registered once in the region (without telling a unit which other unit has it).
 * The `createTalent` mutation and the talents import both come here.
 */
export async function createTalent(ctx: RequestContext, input: NewTalent): Promise<Talent> {
  assertUnitWrite(ctx.actor, input.unitId);
  const unit = await ctx.em.findOne(Institution, input.unitId);
  if (!unit) throw notFound('Institution', input.unitId);
  const { unitId: _unitId, ...data } = input;
  if (input.idCardNumber) await assertIdNumberFree(ctx, input.idCardNumber);
  const talent = ctx.em.create(Talent, { ...stripNulls(data), unit } as never);
  await ctx.commit();
  return talent;
}

/** GraphQL sends null for "not given"; the ORM should keep the current value instead. */
export function stripNulls<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/**
 * The talent with this resident ID number, if the actor may see them (their row scope): how
 * name-list imports find the person a row names without sending ids around.
 */
export async function findTalentByIdNumber(ctx: RequestContext, idCardNumber: string): Promise<Talent | null> {
  return ctx.em.findOne(Talent, { idCardIndex: blindIndex(keysOf(ctx.em.getPlatform()), idCardNumber.trim().toUpperCase()) });
}
