import type { Pool, PoolClient, QueryConfig, QueryResult } from 'pg';

/**
 * Statements a transaction's connection holds back and sends in front of the transaction's next
 * statement, in the same socket write: BEGIN, and the audit rows of a flush (src/core/audit.ts).
 *
 * Why: every statement is one socket write and one round trip, and on a busy machine the writes
 * (the loopback TCP send that wakes PostgreSQL) were ~15% of an audited write's Node CPU, with
 * ~5 statements per write (scripts/bench/NOTES.md, issue 18 target 2). A request's transaction
 * is opened before its first statement is known (src/app.ts beginTransaction), so Kysely, which
 * MikroORM runs on, sends `begin` alone; the audit rows of a flush are known before the flush's
 * own statements run. Held here, they go as one simple query with the next statement
 * (`begin;<statement>`, which is how the ORM sends its SQL: values as literals), or, before a
 * named prepared statement, as unnamed statements in the same extended-protocol exchange (`Send`).
 *
 * What the transaction does is unchanged: the same statements run in one transaction block in the
 * order they were issued, and an error in any of them fails the statement the caller awaits (the
 * block is then aborted for the ROLLBACK that follows, as after separate statements). A
 * transaction that ends before anything was sent sends neither its BEGIN nor its COMMIT/ROLLBACK;
 * a ROLLBACK drops what is held (it would be undone). Only BEGIN as Kysely writes it is held
 * (`begin`, `start transaction …`), and what `hold` is given; everything else passes as it is.
 */
export function holdStatements(pool: Pool): void {
  pool.on('connect', (client) => holdOn(client));
  // A client given back mid-transaction (a dead connection) must not carry held statements to its next holder.
  pool.on('release', (_err, client) => pending.delete(client));
}

/** Per client, the statements held back, in order. */
const pending = new WeakMap<PoolClient, string[]>();
const BEGIN = /^(begin|start transaction( [a-z ]+)?)$/;
const END = /^(commit|rollback)$/;

type QueryFn = (...args: unknown[]) => unknown;

/** What `client` holds back, in order (tests). */
export function heldOn(client: PoolClient): readonly string[] {
  return pending.get(client) ?? [];
}

/**
 * Sends `config` on the client (a named statement: src/db/prepared-statements.ts) with what the
 * client holds in the same write: each held statement unnamed, ahead of the named one, in one
 * extended-protocol exchange (one Sync), which `pg` answers with one result each, as it does
 * `begin;select …`.
 */
export type Send = (config: QueryConfig) => Promise<QueryResult>;

const WITH_CLIENT = Symbol('withClient');
/**
 * What a caller hands to Kysely's `executeQuery` to run `run` with the `pg` client of a
 * transaction (Kysely passes its `sql` to `client.query` as it is, and this module's wrapper
 * recognises it). Kysely keeps that client private; a named statement has to go to the client it
 * was prepared on, and a held statement to the client of its transaction.
 */
export function onClient(run: (client: PoolClient, send: Send, hold: (sql: string) => void) => Promise<QueryResult>): { sql: string; parameters: readonly unknown[]; query: { kind: 'RawNode'; sqlFragments: readonly string[]; parameters: readonly unknown[] }; queryId: { queryId: string } } {
  return { sql: { [WITH_CLIENT]: run } as unknown as string, parameters: [], query: { kind: 'RawNode', sqlFragments: [''], parameters: [] }, queryId: { queryId: 'on-client' } };
}

/** The result of a statement held back (or of an end of a transaction that sent nothing). */
export function heldResult(command: string): QueryResult {
  return { command, rowCount: 0, oid: 0, rows: [], fields: [] } as unknown as QueryResult;
}

type QueryClass = new (config: QueryConfig, values?: unknown[], callback?: (err: Error | null, res: QueryResult | QueryResult[]) => void) => object;
const heldFirstClasses = new WeakMap<QueryClass, QueryClass>();
/** `pg`'s Query (of the client's own copy of `pg`) that sends the held statements ahead of itself (see Send). */
function heldFirst(Query: QueryClass): QueryClass {
  let C = heldFirstClasses.get(Query);
  if (!C) {
    C = class extends (Query as unknown as new (...a: unknown[]) => { prepare(connection: unknown): void }) {
      held: string[] = [];
      override prepare(connection: { parse(m: object): void; bind(m: object): void; execute(m: object): void }) {
        for (const text of this.held) {
          connection.parse({ text, name: '' });
          connection.bind({ portal: '', statement: '', values: [] });
          connection.execute({ portal: '', rows: 0 });
        }
        super.prepare(connection);
      }
    } as unknown as QueryClass;
    heldFirstClasses.set(Query, C);
  }
  return C;
}

const last = (r: QueryResult | QueryResult[]): QueryResult => (Array.isArray(r) ? r[r.length - 1]! : r);

function holdOn(client: PoolClient): void {
  const query = client.query as unknown as QueryFn;
  const hold = (sql: string) => {
    const held = pending.get(client);
    if (held) held.push(sql);
    else pending.set(client, [sql]);
  };
  const send: Send = (config) => {
    const held = pending.get(client);
    if (!held) return query.call(client, config) as Promise<QueryResult>;
    pending.delete(client);
    const Query = (client.constructor as unknown as { Query: QueryClass }).Query;
    return new Promise((resolve, reject) => {
      const q = new (heldFirst(Query))(config, undefined, (err, res) => (err ? reject(err) : resolve(last(res!))));
      (q as { held: string[] }).held = held;
      query.call(client, q);
    });
  };
  (client as unknown as { query: QueryFn }).query = function heldStatementsQuery(this: PoolClient, ...args: unknown[]) {
    const [first, values] = args;
    if (first && typeof first === 'object' && WITH_CLIENT in first) return (first as unknown as { [WITH_CLIENT]: Parameters<typeof onClient>[0] })[WITH_CLIENT](client, send, hold);
    const promised = typeof first === 'string' && !args.some((a) => typeof a === 'function');
    const simple = promised && !(values as unknown[] | undefined)?.length;
    const held = pending.get(client);
    if (simple && !held && BEGIN.test(first as string)) {
      hold(first as string);
      return Promise.resolve(heldResult('BEGIN'));
    }
    if (!held) return query.apply(this, args);
    pending.delete(client);
    if (simple && END.test(first as string)) {
      const begun = !BEGIN.test(held[0]!);
      // Nothing of the transaction was sent: nothing to end. A ROLLBACK undoes what is held anyway.
      if (!begun && held.length === 1) return Promise.resolve(heldResult((first as string).toUpperCase()));
      if (first === 'rollback') return begun ? query.apply(this, args) : Promise.resolve(heldResult('ROLLBACK'));
      // Held statements before a COMMIT go first on their own, so a failing one is not committed past.
      return (query.call(this, held.join(';')) as Promise<unknown>).then(() => query.apply(this, args));
    }
    // One simple query, several statements: `pg` answers one result per statement, the caller wants its own.
    if (simple) return (query.call(this, `${held.join(';')};${first as string}`) as Promise<QueryResult | QueryResult[]>).then(last);
    if (promised) return (query.call(this, held.join(';')) as Promise<unknown>).then(() => query.apply(this, args));
    // A callback or a submittable (a cursor) is answered by what `query` returns at once: the held
    // statements are queued ahead of it (`pg` runs a client's queries in order). If one fails, the
    // connection goes (its error makes the pool discard it, src/db/pool-guard.ts), and with it the
    // transaction: nothing held is ever committed past.
    (query.call(this, held.join(';')) as Promise<unknown>).catch((e: Error) => client.emit('error', e));
    return query.apply(this, args);
  };
}
