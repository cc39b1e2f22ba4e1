import { MetadataProvider } from '@mikro-orm/core';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { coreEntities } from '../core/entities/index.js';
import { TenantRecord } from '../tenancy/tenant-record.js';
import type { Pool } from 'pg';
import { releaseDeadClients } from './pool-guard.js';
import { holdStatements } from './held-statements.js';
import { traceStatements } from '../telemetry/tracing.js';

export type { EntityManager };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationClass = new (...args: any[]) => Migration;
export interface NamedMigration {
  name: string;
  class: MigrationClass;
}

export interface OrmOptions {
  databaseUrl: string;
  /** Plugin entities, added to the core's. */
  entities: Function[];
  /** Every migration the process knows (core's and every registered plugin's), names namespaced by owner. */
  migrations: NamedMigration[];
  /** Called for every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  /** Told of the connection pool once it exists (metrics). */
  onPool?: (pool: Pool) => void;
  poolMax?: number;
  /** Give up opening a connection after this long (ms): a database that is down answers SERVICE_UNAVAILABLE, not a hang. */
  connectTimeoutMs?: number;
}

/**
 * One ORM, one connection pool for every tenant. Requests and jobs work in `em.fork({ schema })`;
 * entities are declared with the wildcard schema `*`.
 */
export async function createOrm(opts: OrmOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: opts.databaseUrl,
    entities: [...coreEntities, TenantRecord, ...opts.entities],
    // Types are given explicitly on every property; no reflection (Vitest drops decorator metadata).
    metadataProvider: MetadataProvider,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    pool: { min: 0, max: opts.poolMax ?? 10 },
    // releaseDeadClients: a connection that dies mid-transaction (a PostgreSQL restart) went back to the pool never.
    driverOptions: { connectionTimeoutMillis: opts.connectTimeoutMs ?? 3_000, keepAlive: true, onPoolCreated: (pool: Pool) => {
        releaseDeadClients(pool);
        // BEGIN and a flush's audit rows go out with the next statement: fewer round trips per transaction.
        holdStatements(pool);
        // A span per statement when traces are on (src/telemetry/tracing.ts); nothing otherwise.
        traceStatements(pool);
        opts.onPool?.(pool);
      } },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    // Row scoping is a filter on each talent-owned table, which carries its own unit/talent
    // columns; auto-joining a referenced Talent to apply *its* filter would hide rows that merely
    // point at someone outside the scope (a mentor in another unit) and cost a join per query.
    autoJoinRefsForFilters: false,
    onQuery: (sql: string) => {
      opts.onQuery?.(sql);
      return sql;
    },
    migrations: {
      migrationsList: opts.migrations,
      includeWildcardSchema: true,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      tableName: 'schema_migrations',
      silent: true,
    },
  });
}

