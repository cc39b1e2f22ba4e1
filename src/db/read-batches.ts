import type { SqlStatement } from './prepared-statements.js';

/**
 * A read of one row by its key that can also be asked for many keys at once: `batch.text` takes
 * the array of keys as `$1` and answers one row per key found, the key as text in `key` and the
 * same columns as the single statement; `key` is in the form that column gives it.
 */
export type BatchableRead = SqlStatement & Required<Pick<SqlStatement, 'key' | 'batch'>>;

type Row = Record<string, unknown>;

interface Waiting {
  read: BatchableRead;
  /** Per key, the requests waiting for it (one key asked by two requests is read once). */
  byKey: Map<string, { resolve(rows: Row[]): void; reject(e: unknown): void }[]>;
}

/**
 * Reads of one statement by key that arrive in the same turn of the event loop go to PostgreSQL
 * as one statement over the array of their keys, as Hasura multiplexes live queries of one shape.
 *
 * Why: on these machines what a small read costs the API is mostly the socket write to
 * PostgreSQL and waking its backend (~40% of the request's CPU in the profile), not the query.
 * Under load many requests ask for rows of the same shape at once (a commission's staff opening
 * the same screens); k of them in one turn cost one write, one wake-up and one execution instead
 * of k. A read alone in its turn runs its own statement at once, as before: nothing waits for
 * company, and a turn ends within the callbacks already queued.
 *
 * Only reads whose text is one statement for one tenant schema and one selection are batched
 * (the name hashes the text: `statementName`), and only for actors who see the whole tenant (the
 * planner's condition), so every request in a batch is owed exactly the rows it would have read
 * alone. A failed batch fails each of its reads, which then fall back as a failed single read does.
 */
export class ReadBatches {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    /** Runs one statement (the prepared-statement path). */
    private readonly run: (statement: SqlStatement) => Promise<Row[]>,
    /** Keys per statement at most; more wait for the next statement. Local default. */
    private readonly maxKeys = 100,
  ) {}

  read(read: BatchableRead): Promise<Row[]> {
    let waiting = this.waiting.get(read.batch.name);
    if (!waiting || waiting.byKey.size >= this.maxKeys) {
      if (waiting) this.send(waiting);
      waiting = { read, byKey: new Map() };
      this.waiting.set(read.batch.name, waiting);
      const mine = waiting;
      // After the callbacks of this turn's poll phase: requests that arrived together meet here.
      setImmediate(() => {
        if (this.waiting.get(mine.read.batch.name) === mine) this.send(mine);
      });
    }
    return new Promise((resolve, reject) => {
      const list = waiting.byKey.get(read.key);
      if (list) list.push({ resolve, reject });
      else waiting.byKey.set(read.key, [{ resolve, reject }]);
    });
  }

  private send(waiting: Waiting): void {
    if (this.waiting.get(waiting.read.batch.name) === waiting) this.waiting.delete(waiting.read.batch.name);
    const keys = [...waiting.byKey.keys()];
    if (keys.length === 1) {
      // Alone in its turn: the single statement, exactly as without batching.
      const own = waiting.byKey.get(keys[0]!)!;
      void this.run(waiting.read).then(
        (rows) => own.forEach((w) => w.resolve(rows)),
        (e) => own.forEach((w) => w.reject(e)),
      );
      return;
    }
    const { text, name } = waiting.read.batch;
    void this.run({ text, name, values: [keys] }).then(
      (rows) => {
        const found = new Map<string, Row>();
        for (const row of rows) {
          const { key, ...rest } = row;
          found.set(String(key), rest);
        }
        for (const [key, list] of waiting.byKey) {
          const row = found.get(key);
          for (const w of list) w.resolve(row ? [row] : []);
        }
      },
      (e) => {
        for (const list of waiting.byKey.values()) for (const w of list) w.reject(e);
      },
    );
  }
}
