/** The roles of DESIGN.md. A token carries one or more. */
export const Roles = {
  PLATFORM_ADMIN: 'platform-admin',
  COMMISSION_ADMIN: 'commission-admin',
  UNIT_COORDINATOR: 'unit-coordinator',
  COMMITTEE_EXPERT: 'committee-expert',
  TALENT: 'talent',
  MENTOR: 'mentor',
  VIEWER: 'viewer',
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];

/** The reserved tenant key of platform admins' tokens: the deployment's operators, not a tenant's users (no tenant may take it). */
export const PLATFORM_TENANT = 'platform';
export const ALL_ROLES: readonly Role[] = Object.values(Roles);

/** Who is acting: from the token for requests, `system` for jobs and start-up. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  /** Set for unit coordinators (and talents): the dispatching unit they belong to. */
  unitId?: string | null;
  /** Set for the talent role: the talent record the user is. */
  talentId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: 'system', roles: [Roles.PLATFORM_ADMIN] };

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

/** Roles that see every row of their tenant; the others are scoped to their unit or themselves. */
export const TENANT_WIDE_ROLES: readonly Role[] = [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER, Roles.COMMITTEE_EXPERT, Roles.MENTOR];
