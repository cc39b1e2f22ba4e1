import { Roles, hasRole, type Actor } from '../../auth/roles.js';
import { forbidden } from '../../errors.js';

/** Write access to a unit's people: the commission anywhere, a coordinator only in their own unit. */
export function assertUnitWrite(actor: Actor, unitId: string): void {
  if (hasRole(actor, Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN)) return;
  if (hasRole(actor, Roles.UNIT_COORDINATOR) && actor.unitId === unitId) return;
  throw forbidden('You can only change records of your own unit');
}

/**
 * Write access to a record a talent owns (`unit` and `talent`): the commission anywhere, a
 * coordinator of the record's unit, and — where the step allows it — the talent themself.
 * Every scheme checked this by hand.
 */
export function assertRecordWrite(actor: Actor, row: { unit: { id: string }; talent?: { id: string } | null }, opts: { talent?: boolean } = {}): void {
  if (opts.talent && row.talent && hasRole(actor, Roles.TALENT) && actor.talentId === row.talent.id) return;
  assertUnitWrite(actor, row.unit.id);
}

/** Personal data (ID number, phone): the talent, their unit's coordinator, the commission. */
export function canReadPersonalData(actor: Actor, talent: { id: string; unitId: string }): boolean {
  if (hasRole(actor, Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN)) return true;
  if (hasRole(actor, Roles.UNIT_COORDINATOR) && actor.unitId === talent.unitId) return true;
  return hasRole(actor, Roles.TALENT) && actor.talentId === talent.id;
}

/** Role lists used in @Authorized, named once. */
export const WRITERS = {
  commission: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN],
  unitOrCommission: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR],
  unitCommissionOrTalent: [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR, Roles.TALENT],
} as const;
