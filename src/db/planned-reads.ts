import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { PreparedStatements, SqlStatement } from './prepared-statements.js';
import type { BatchableRead, ReadBatches } from './read-batches.js';

type Row = Record<string, unknown>;

/**
 * Where a planned read (src/graphql/sql-reads.ts, a write's combined reads in graphql/loaders.ts)
 * goes: outside a transaction straight to the ORM's own `pg` pool, as a named prepared statement
 * (batched with reads of the same shape when it has a batch form); inside one, as a named
 * statement on the connection the transaction holds; unnamed, as text.
 *
 * Why the pool directly: one statement whose JSON PostgreSQL builds needs none of the ORM's query
 * pipeline, which cost a sixth of a small query's CPU.
 */
export class PlannedReads {
  constructor(
    private readonly orm: MikroORM,
    /** The ORM's pool, once it has made it. */
    private readonly pool: () => Pool | undefined,
    /** Named statements; none when PREPARED_STATEMENTS=off. */
    private readonly prepared?: PreparedStatements,
    /** Reads by id of one statement arriving together, sent as one; none when READ_BATCHES=off. */
    private readonly batches?: ReadBatches,
    /** Told of every statement sent as text (tests and benchmarks count them). */
    private readonly count?: (sql: string) => void,
  ) {}

  /** Run `statement` for a request whose entity manager (if it made one) is `em`. */
  async read(statement: SqlStatement, em: EntityManager | undefined): Promise<Row[]> {
    const { text, values, name } = statement;
    const transaction = em?.getTransactionContext();
    const pool = this.pool();
    if (!transaction && pool && name && this.prepared) {
      if (this.batches && statement.key !== undefined && statement.batch) return this.batches.read(statement as BatchableRead);
      return this.prepared.query(pool, name, text, values);
    }
    // In the request's transaction, prepared on the connection the transaction holds: a write's
    // reads before it changes anything (plainRowsTogether) are planned once per connection, not per request.
    if (transaction && name && this.prepared) return this.prepared.inTransaction(transaction, name, text, values);
    // Else as text with the values as literals: the ORM's connection formats `?`, not `$n`, and
    // PostgreSQL runs an unnamed statement with parameters ~10% slower than the same text with
    // literals (scripts/bench/statement.ts).
    const sql = values.length ? text.replace(/\$(\d+)/g, (_, n: string) => String(this.orm.em.getPlatform().quoteValue(values[Number(n) - 1]))) : text;
    if (transaction || !pool) return (em ?? this.orm.em).getConnection().execute(sql, [], 'all', transaction);
    this.count?.(sql);
    return (await pool.query(sql)).rows as Row[];
  }
}
