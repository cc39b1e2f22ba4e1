import type { Pool, PoolClient, QueryResult } from 'pg';

/**
 * BEGIN sent together with the transaction's first statement instead of on its own.
 *
 * Why: every statement is one socket write and one round trip, and on a busy machine the write
 * itself (the loopback TCP send that wakes PostgreSQL) was ~15% of an audited write's Node CPU
 * (scripts/bench/NOTES.md, issue 18 target 2). A request's transaction is opened before its
 * first statement is known (src/app.ts beginTransaction), so Kysely, which MikroORM runs on,
 * sends `begin` alone: here the client holds it back and sends it in front of the next statement
 * (`begin;<statement>` as one simple query when the statement has no parameters, which is how the
 * ORM sends its SQL; otherwise `begin` first, as before). A transaction that ends before any
 * statement sends neither its BEGIN nor its COMMIT/ROLLBACK: there was nothing to end.
 *
 * What the transaction does is unchanged: the same statements run in the same order in one
 * transaction block, a failing first statement leaves the block aborted for the ROLLBACK that
 * follows, as it did after a separate BEGIN. Only BEGIN as Kysely writes it is held back
 * (`begin`, `start transaction …`); savepoints and everything else pass as they are.
 */
export function deferBegin(pool: Pool): void {
  pool.on('connect', (client) => deferOn(client));
  // A client given back mid-transaction (a dead connection) must not carry a held BEGIN to its next holder.
  pool.on('release', (_err, client) => pending.delete(client));
}

/** Clients holding back a BEGIN, with its text. */
const pending = new WeakMap<PoolClient, string>();
const BEGIN = /^(begin|start transaction( [a-z ]+)?)$/;
const END = /^(commit|rollback)$/;

type QueryFn = (...args: unknown[]) => unknown;

/** Whether `client` holds back a BEGIN not yet sent (tests). */
export function holdsBegin(client: PoolClient): boolean {
  return pending.has(client);
}

function deferOn(client: PoolClient): void {
  const query = client.query as unknown as QueryFn;
  (client as unknown as { query: QueryFn }).query = function deferredBeginQuery(this: PoolClient, ...args: unknown[]) {
    const [first, values] = args;
    const promised = typeof first === 'string' && !args.some((a) => typeof a === 'function');
    const held = pending.get(client);
    if (promised && held === undefined && BEGIN.test(first as string) && !(values as unknown[] | undefined)?.length) {
      pending.set(client, first as string);
      return Promise.resolve(result('BEGIN'));
    }
    if (held === undefined) return query.apply(this, args);
    pending.delete(client);
    if (promised && END.test(first as string)) return Promise.resolve(result((first as string).toUpperCase()));
    if (promised && !(values as unknown[] | undefined)?.length) {
      // One simple query, two statements: `pg` answers one result per statement, the caller wants its own.
      return (query.call(this, `${held};${first as string}`, values) as Promise<QueryResult | QueryResult[]>).then((r) => (Array.isArray(r) ? r[r.length - 1]! : r));
    }
    if (promised) return (query.call(this, held) as Promise<unknown>).then(() => query.apply(this, args));
    // A callback or a submittable (a cursor) is answered by what `query` returns at once: BEGIN is
    // queued ahead of it (`pg` runs a client's queries in order); if BEGIN fails the connection is
    // unusable, and its error makes the pool discard it (src/db/pool-guard.ts).
    (query.call(this, held) as Promise<unknown>).catch((e: Error) => client.emit('error', e));
    return query.apply(this, args);
  };
}

function result(command: string): QueryResult {
  return { command, rowCount: null, oid: 0, rows: [], fields: [] } as unknown as QueryResult;
}
