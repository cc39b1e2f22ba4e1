import type { Pool, PoolClient, QueryConfig, QueryResult } from 'pg';

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

/**
 * Sends `config` on `client` (a named statement: src/db/prepared-statements.ts), with a BEGIN the
 * client holds back in the same write: BEGIN as an unnamed statement ahead of the named one in
 * one extended-protocol exchange (one Sync), which `pg` answers as two results, as it does
 * `begin;select …`.
 */
export type Send = (config: QueryConfig) => Promise<QueryResult>;

const WITH_CLIENT = Symbol('withClient');
/**
 * What a caller hands to Kysely's `executeQuery` to run `run` on the `pg` client of a transaction
 * (Kysely passes its `sql` to `client.query` as it is; this module's wrapper recognises it).
 * Kysely keeps that client private, and a named statement has to go to the client it was
 * prepared on.
 */
export function onClient(run: (client: PoolClient, send: Send) => Promise<QueryResult>): { sql: string; parameters: readonly unknown[]; query: { kind: 'RawNode'; sqlFragments: readonly string[]; parameters: readonly unknown[] }; queryId: { queryId: string } } {
  return { sql: { [WITH_CLIENT]: run } as unknown as string, parameters: [], query: { kind: 'RawNode', sqlFragments: [''], parameters: [] }, queryId: { queryId: 'on-client' } };
}

type QueryClass = new (config: QueryConfig, values?: unknown[], callback?: (err: Error | null, res: QueryResult | QueryResult[]) => void) => object;
const beginFirstClasses = new WeakMap<QueryClass, QueryClass>();
/** `pg`'s Query (of the client's own copy of `pg`) that sends `begin` ahead of itself (see Send). */
function beginFirst(Query: QueryClass): QueryClass {
  let C = beginFirstClasses.get(Query);
  if (!C) {
    C = class extends (Query as unknown as new (...a: unknown[]) => { prepare(connection: unknown): void }) {
      begin = 'begin';
      override prepare(connection: { parse(m: object): void; bind(m: object): void; execute(m: object): void }) {
        connection.parse({ text: this.begin, name: '' });
        connection.bind({ portal: '', statement: '', values: [] });
        connection.execute({ portal: '', rows: 0 });
        super.prepare(connection);
      }
    } as unknown as QueryClass;
    beginFirstClasses.set(Query, C);
  }
  return C;
}

function deferOn(client: PoolClient): void {
  const query = client.query as unknown as QueryFn;
  const send: Send = (config) => {
    const held = pending.get(client);
    if (held === undefined) return query.call(client, config) as Promise<QueryResult>;
    pending.delete(client);
    const Query = (client.constructor as unknown as { Query: QueryClass }).Query;
    return new Promise((resolve, reject) => {
      const q = new (beginFirst(Query))(config, undefined, (err, res) => (err ? reject(err) : resolve(Array.isArray(res) ? res[res.length - 1]! : res!)));
      (q as { begin: string }).begin = held;
      query.call(client, q);
    });
  };
  (client as unknown as { query: QueryFn }).query = function deferredBeginQuery(this: PoolClient, ...args: unknown[]) {
    const [first, values] = args;
    if (first && typeof first === 'object' && WITH_CLIENT in first) return (first as unknown as { [WITH_CLIENT]: (c: PoolClient, s: Send) => Promise<QueryResult> })[WITH_CLIENT](client, send);
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
