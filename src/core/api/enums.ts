import { Roles } from '../../auth/roles.js';
import { registerEnums } from '../../graphql/enums.js';

/**
 * Sets of values the code fixes, as GraphQL enums (issue 17). Their values on the wire are the
 * conventional UPPER_CASE names; the strings the code stores (`commission-admin`, `province`,
 * `create`) cannot all be enum names (a hyphen is not allowed), so the String fields that carried
 * them stay, deprecated, beside an enum-typed field, rather than changing value in place.
 */

/** How a tenant sits in the country's administration (the tenant file's `level`). */
export const TenantLevel = { PROVINCE: 'province', CITY: 'city', COUNTY: 'county', HOSPITAL: 'hospital' } as const;

/** What an audit entry records: a change to a row (the ORM's create/update/delete), a file read, or a refusal worth keeping. */
export const AuditAction = {
  CREATE: 'create',
  UPDATE: 'update',
  DELETE: 'delete',
  DOWNLOAD: 'download',
  EXPORT: 'export',
  REFUSED_FOREIGN_ID_NUMBER: 'refused-foreign-id-number',
} as const;

registerEnums('', {
  Role: [Roles, 'A role a token grants (DESIGN.md): platform admin (平台管理员), commission admin (卫健委管理员), unit coordinator (单位联络员), committee expert (评审专家), talent (人才本人), mentor (带教老师), viewer (只读)'],
  TenantLevel: [TenantLevel, 'How a tenant sits in the administration: a province, city or county health commission, or a hospital running its own scheme'],
  AuditAction: [AuditAction, 'What an audit entry records: a row created, updated or deleted, a file downloaded or exported, or a refused foreign ID number (a unit asking about someone else’s staff)'],
});

/** Enum value for a stored string, or null for one the enum does not know (an older row). */
export function enumValueOf<T extends Record<string, string>>(values: T, value: string | null | undefined): T[keyof T] | null {
  return (Object.values(values) as string[]).includes(value ?? '') ? (value as T[keyof T]) : null;
}
