import { parse, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../errors.js';

/**
 * The size of a GraphQL document, limited before anything walks it. A document's text is
 * refused over `maxBytes` (QUERY_TOO_LARGE) without being read, and over `maxTokens` lexical
 * tokens (QUERY_TOO_MANY_TOKENS) by graphql-js's own parser, which stops counting at the limit.
 * Every later step (validation, the abuse limits in graphql/limits.ts, compilation) then works on
 * a bounded input. The parse happens once per query text: documents and refusals are remembered,
 * so a client repeating a refused document costs a map lookup.
 */
export interface DocumentLimits {
  maxBytes: number;
  maxTokens: number;
}

export type Admission =
  /** `document` is null when the text does not parse: Apollo answers with its syntax error. */
  | { ok: true; document: DocumentNode | null }
  | { ok: false; code: ErrorCode; message: string; extensions: Record<string, unknown> };

const TOKEN_LIMIT = /Document contains more th[ae]t? \d+ tokens/;

export class DocumentGate {
  private readonly seen: LRUCache<string, Admission>;

  constructor(private readonly limits: DocumentLimits) {
    // Keyed by the text itself, which is at most maxBytes: the cache's memory is bounded by size.
    this.seen = new LRUCache({ maxSize: 32 * 1024 * 1024, sizeCalculation: (_v, key) => key.length * 2 + 64 });
  }

  admit(query: string): Admission {
    if (overBytes(query, this.limits.maxBytes)) {
      return { ok: false, code: ErrorCode.QUERY_TOO_LARGE, message: `The query is over ${this.limits.maxBytes} bytes; send a smaller document`, extensions: { max: this.limits.maxBytes } };
    }
    const known = this.seen.get(query);
    if (known) return known;
    let admission: Admission;
    try {
      admission = { ok: true, document: parse(query, { maxTokens: this.limits.maxTokens }) };
    } catch (e) {
      admission = TOKEN_LIMIT.test((e as Error).message)
        ? { ok: false, code: ErrorCode.QUERY_TOO_MANY_TOKENS, message: `The query has more than ${this.limits.maxTokens} tokens; send a smaller document`, extensions: { max: this.limits.maxTokens } }
        : { ok: true, document: null };
    }
    this.seen.set(query, admission);
    return admission;
  }
}

/** Is the text's UTF-8 encoding over `limit` bytes? Counted only when its length leaves it open. */
function overBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true; // every UTF-16 unit is at least one byte
  if (text.length * 3 <= limit) return false; // and at most three
  return Buffer.byteLength(text, 'utf8') > limit;
}
