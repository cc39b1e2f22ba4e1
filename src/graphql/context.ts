import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Actor } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import type { SqlStatement } from '../db/prepared-statements.js';
import type { RowScope } from '../core/entities/scope.js';
import type { TenantContext, TenantInfo } from '../plugin/contract.js';
import type { PluginHost } from '../plugin/host.js';
import type { Loaders } from './loaders.js';

/** What every resolver (core or plugin) receives as its GraphQL context. */
export interface RequestContext {
  requestId: string;
  tenant: TenantInfo;
  actor: Actor;
  /** Forked to the tenant's schema and row-scoped to the actor (on first use). */
  em: EntityManager;
  /** The actor's row scope: what `em`'s filter is set to (`{}` = the whole tenant). */
  rowScope: RowScope;
  /**
   * The request records the past (a demo seed, an Excel import): reports it leaves already past
   * due are not chased — their reminders are recorded as suppressed (src/jobs/reminders.ts).
   */
  historical: boolean;
  /**
   * Internal (graphql/sql-reads.ts): one read-only statement on the request's connection, in its
   * transaction if one is open; prepared under its name when it has one (PREPARED_STATEMENTS).
   */
  read(statement: SqlStatement): Promise<Record<string, unknown>[]>;
  loaders: Loaders;
  log: Logger;
  clock: Clock;
  /** Internal: the plugin host. Plugins use `plugin()` instead. */
  host: PluginHost;
  /** Run once the current unit of work has committed (enqueue jobs for rows it created). */
  afterCommit(task: () => Promise<void>): void;
  /**
   * Run once the request's transaction has ended, committed or rolled back (at once when none is
   * open): writes that must outlive a rollback yet must not wait on locks the transaction holds.
   */
  afterTransaction(task: () => Promise<void>): Promise<void>;
  /** Whether the request's transaction is open. */
  readonly inTransaction: boolean;
  /** Flush the unit of work; after-commit tasks run once the request's transaction commits. */
  commit(): Promise<void>;
  /**
   * Roll the request's transaction back at its end although it answers without errors: a
   * mutation's payload carried `userErrors` (src/graphql/payload.ts), so nothing may be written.
   */
  rollbackOnly(): void;
  /** Internal (the GraphQL server): a mutation request runs in one transaction. */
  beginTransaction(): Promise<void>;
  /** Internal: commit (and run after-commit tasks) or roll back the request's transaction. */
  endTransaction(ok: boolean): Promise<void>;
  /** Internal: enqueue reminder jobs (the job system). */
  jobs: { enqueueReminders(tenant: string, reminders: { id: string; fireAt: Date }[]): Promise<void> };
  /**
   * Internal (core/api/region.resolver.ts): the tenants inside this one (a province's hospitals),
   * each with a whole-tenant TenantContext per enabled plugin, for aggregates only.
   */
  subRegions(): Promise<{ tenant: TenantInfo; context<C>(plugin: string): Promise<TenantContext<C>>; /** The child's schema, whole-tenant, for the core's aggregates (src/evaluation/region-overview.ts). */ em: EntityManager }[]>;
  /** Internal (src/notify/requests.ts): the key signed links are made with, and where people open them. */
  links: { key: string; publicUrl: string };
  /** The TenantContext of an enabled plugin: its configuration, today, the em. */
  plugin<C>(key: string): Promise<TenantContext<C>>;
}
