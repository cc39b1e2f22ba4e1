import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { isStatementRefused } from './faults.js';
import { onClient, type Send } from './held-statements.js';

/**
 * One read-only statement: `text` with `$1…$n` standing only for `values` (nowhere else, not in
 * a literal), and the `name` to prepare it under, if any (`statementName(text)`).
 */
export interface SqlStatement {
  text: string;
  values: unknown[];
  name?: string;
  /** A read of one row by `key` that has a form for many keys (src/db/read-batches.ts). */
  key?: string;
  batch?: { text: string; name: string };
}

/**
 * Named prepared statements on a `pg` pool's connections, at most `perConnection` on each (the
 * least recently used one is deallocated beyond it).
 *
 * Why: a planned read (src/graphql/sql-reads.ts) sent as text is parsed and planned by
 * PostgreSQL on every request; prepared once per connection, each request is only Bind and
 * Execute, and its plan is PostgreSQL's cached one. Why a bound: the statements differ per tenant
 * schema and per GraphQL selection, so 1,000 tenants could leave thousands on every connection
 * (each holds its parse tree and plan in the server process).
 *
 * A statement's name is a hash of its text (`statementName`), so a name can never stand for two
 * texts: two tenants' statements (whose texts name their schemas) never share a plan.
 *
 * `pg` remembers which names it parsed on a connection and has no API to forget one: after
 * `DEALLOCATE` the name is removed from its `connection.parsedStatements` by hand, as
 * PostGraphile does (brianc/node-postgres#1889), or `pg` would bind to a statement that is gone.
 *
 * Not through PgBouncer in transaction pooling before 1.21 (README, "Behind PgBouncer"): a
 * statement prepared on one server connection is missing on the next; `PREPARED_STATEMENTS=off`.
 */
export class PreparedStatements {
  /** Per connection, the names prepared on it, least recently used first (a Map keeps insertion order). */
  private readonly held = new WeakMap<PoolClient, Map<string, true>>();

  constructor(
    private readonly perConnection: number,
    /** Told of every statement sent (tests and benchmarks count them), DEALLOCATE included. */
    private readonly onStatement?: (sql: string) => void,
  ) {}

  /** Run `text` with `values` as the prepared statement `name` on one of `pool`'s connections. */
  async query(pool: Pool, name: string, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await this.queryOn(client, name, text, values);
    } catch (e) {
      // A connection that failed below the SQL level (closed, reset), not PostgreSQL refusing a
      // statement, leaves the pool.
      if (!isStatementRefused(e)) broken = e as Error;
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /**
   * The same inside the ORM's transaction `transaction` (a Kysely transaction: MikroORM 7 runs on
   * Kysely), on the connection that transaction holds (src/db/held-statements.ts onClient). A
   * statement the server lost fails its transaction as any failing statement does; it is prepared
   * again next time, as outside a transaction.
   */
  async inTransaction(transaction: unknown, name: string, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
    const trx = transaction as { executeQuery(q: ReturnType<typeof onClient>): Promise<{ rows: Record<string, unknown>[] }> };
    return (await trx.executeQuery(onClient(async (client, send) => ({ rows: await this.queryOn(client, name, text, values, send) }) as QueryResult))).rows;
  }

  private async queryOn(client: PoolClient, name: string, text: string, values: unknown[], send: Send = (config) => client.query(config)): Promise<Record<string, unknown>[]> {
    let names = this.held.get(client);
    if (!names) this.held.set(client, (names = new Map()));
    if (names.delete(name)) names.set(name, true);
    else {
      while (names.size >= this.perConnection) await this.deallocate(client, names, names.keys().next().value!);
      names.set(name, true);
    }
    this.onStatement?.(text);
    try {
      return (await send({ name, text, values })).rows as Record<string, unknown>[];
    } catch (e) {
      // Parsing failed (pg then forgets the name itself), or the server lost the statement
      // (26000, invalid_sql_statement_name): prepare it again next time.
      if (!parsedOn(client)[name] || (e as { code?: string }).code === '26000') {
        names.delete(name);
        delete parsedOn(client)[name];
      }
      throw e;
    }
  }

  private async deallocate(client: PoolClient, names: Map<string, true>, name: string): Promise<void> {
    names.delete(name);
    const sql = `deallocate ${client.escapeIdentifier(name)}`;
    this.onStatement?.(sql);
    await client.query(sql);
    delete parsedOn(client)[name];
  }
}

/** `pg`'s own record of the statements it parsed on this connection (see the class comment). */
function parsedOn(client: PoolClient): Record<string, string> {
  return (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
}

/** The name of the prepared statement for `text`: its hash, so one name is always one text. */
export function statementName(text: string): string {
  return `r_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
}
