import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Roles, TENANT_WIDE_ROLES, hasRole, type Actor } from './auth/roles.js';
import type { TokenClaims } from './auth/tokens.js';
import type { Clock } from './clock.js';
import type { RowScope } from './core/entities/scope.js';
import type { PlannedReads } from './db/planned-reads.js';
import type { SqlStatement } from './db/prepared-statements.js';
import { forbidden } from './errors.js';
import type { RequestContext } from './graphql/context.js';
import { Loaders } from './graphql/loaders.js';
import type { TenantContext, TenantInfo } from './plugin/contract.js';
import type { PluginHost } from './plugin/host.js';
import type { TenancyService } from './tenancy/tenancy.service.js';

/** The row scope of an actor: tenant-wide roles see everything, a coordinator its unit, a talent itself. */
export function rowScopeOf(actor: Actor): RowScope {
  if (hasRole(actor, ...TENANT_WIDE_ROLES)) return {};
  if (hasRole(actor, Roles.TALENT)) return { talentId: actor.talentId ?? '00000000-0000-0000-0000-000000000000' };
  return { unitId: actor.unitId ?? '00000000-0000-0000-0000-000000000000' };
}

/** What every request's context shares: made once by App.create. */
export interface RequestServices {
  readonly tenancy: TenancyService;
  readonly host: PluginHost;
  readonly jobs: RequestContext['jobs'];
  readonly clock: Clock;
  readonly log: Logger;
  readonly links: RequestContext['links'];
  readonly reads: PlannedReads;
}

/**
 * One request's context (src/graphql/context.ts says what each member is for): the entity
 * manager forked to the tenant's schema and row-scoped to the actor, its loaders, its log, and
 * the request's transaction with what runs after it.
 *
 * A class, not an object literal of closures: a small query builds one per request, and the
 * literal's ~20 functions and getters were made anew each time (~6% of the time before a small
 * query's statement went out, timed in-process at concurrency 1). The entity manager, loaders and child logger are
 * made on first use: a read answered in one SQL statement needs none of them, and a fork costs
 * more than the rest of such a request's context (the ORM rewrites its configuration twice).
 */
export class TenantRequest implements RequestContext {
  readonly actor: Actor;
  readonly rowScope: RowScope;
  historical = false;
  private forked?: EntityManager;
  private loaderSet?: Loaders;
  private childLog?: Logger;
  private pluginContexts?: Map<string, Promise<TenantContext<unknown>>>;
  private afterCommitTasks: (() => Promise<void>)[] = [];
  private afterTransactionTasks: (() => Promise<void>)[] = [];
  private open = false;
  private mustRollBack = false;

  constructor(
    private readonly services: RequestServices,
    readonly tenant: TenantInfo,
    claims: TokenClaims,
    readonly requestId: string,
  ) {
    this.actor = { userId: claims.userId, roles: claims.roles, unitId: claims.unitId, talentId: claims.talentId };
    this.rowScope = rowScopeOf(this.actor);
  }

  get em(): EntityManager {
    return (this.forked ??= this.services.tenancy.em(this.tenant, this.rowScope));
  }

  get loaders(): Loaders {
    return (this.loaderSet ??= new Loaders(this.em));
  }

  get log(): Logger {
    return (this.childLog ??= this.services.log.child({ requestId: this.requestId, tenant: this.tenant.key }));
  }

  get clock(): Clock {
    return this.services.clock;
  }

  get host(): PluginHost {
    return this.services.host;
  }

  get jobs(): RequestContext['jobs'] {
    return this.services.jobs;
  }

  get links(): RequestContext['links'] {
    return this.services.links;
  }

  get inTransaction(): boolean {
    return this.open;
  }

  read(statement: SqlStatement): Promise<Record<string, unknown>[]> {
    return this.services.reads.read(statement, this.forked);
  }

  afterCommit(task: () => Promise<void>): void {
    this.afterCommitTasks.push(task);
  }

  async afterTransaction(task: () => Promise<void>): Promise<void> {
    if (this.open) this.afterTransactionTasks.push(task);
    else await task();
  }

  async commit(): Promise<void> {
    await this.em.flush();
    if (!this.open) await this.runAfterCommit();
  }

  rollbackOnly(): void {
    this.mustRollBack = true;
  }

  async beginTransaction(): Promise<void> {
    await this.em.begin();
    this.open = true;
    this.mustRollBack = false;
  }

  async endTransaction(ok: boolean): Promise<void> {
    if (!this.open) return;
    this.open = false;
    try {
      if (ok && !this.mustRollBack) {
        await this.em.commit();
        await this.runAfterCommit();
      } else {
        await this.em.rollback();
        this.afterCommitTasks = [];
      }
    } finally {
      await this.runAfterTransaction();
    }
  }

  async subRegions(): ReturnType<RequestContext['subRegions']> {
    const { tenancy, host } = this.services;
    const inside: TenantInfo[] = [];
    for (const key of this.tenant.regions) {
      const child = key === this.tenant.key ? null : await tenancy.get(key);
      if (child) inside.push(child);
    }
    // The child's own schema, whole-tenant: what a plugin's regionFigures computes from it is
    // numbers only, and nothing else of the child is exposed to the parent.
    const reader: Actor = { userId: `region:${this.tenant.key}`, roles: [] };
    return inside.map((child) => ({ tenant: child, em: tenancy.em(child), context: <C>(plugin: string) => host.context<C>(plugin, child, tenancy.em(child), reader, this.log) }));
  }

  plugin<C>(key: string): Promise<TenantContext<C>> {
    if (!this.tenant.plugins.includes(key)) throw forbidden(`Plugin ${key} is not enabled for ${this.tenant.key}`);
    const contexts = (this.pluginContexts ??= new Map());
    let p = contexts.get(key);
    if (!p) {
      p = this.services.host.context(key, this.tenant, this.em, this.actor, () => this.log);
      contexts.set(key, p);
    }
    return p as Promise<TenantContext<C>>;
  }

  private async runAfterTransaction(): Promise<void> {
    const tasks = this.afterTransactionTasks;
    this.afterTransactionTasks = [];
    for (const task of tasks) await task();
  }

  private async runAfterCommit(): Promise<void> {
    const tasks = this.afterCommitTasks;
    this.afterCommitTasks = [];
    for (const task of tasks) await task();
  }
}
