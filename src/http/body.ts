import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../errors.js';
import { HttpError } from './errors.js';

/**
 * Reading a request body, and refusing an oversized GraphQL document while it arrives.
 *
 * Why: a hostile client can send a document of hundreds of kilobytes (under MAX_BODY_BYTES,
 * over MAX_QUERY_BYTES). Refused after the fact, it cost the whole body buffered, decoded and
 * `JSON.parse`d, the token verified, the tenant looked up and a rate-limit round trip to Redis
 * (~3–9 ms of CPU). Here the body's bytes are watched as they come: past MAX_QUERY_BYTES, the
 * JSON's top-level `"query"` string is measured in place, and once it is proven longer the
 * request is answered QUERY_TOO_LARGE at once; the rest of the body is discarded unread.
 */

/** `{ maxQueryBytes }`: watch a JSON GraphQL body's `"query"` member (omit for any other body). */
export interface ReadBodyOptions {
  limit: number;
  maxQueryBytes?: number;
}

export function queryTooLarge(maxQueryBytes: number): HttpError {
  return new HttpError(400, ErrorCode.QUERY_TOO_LARGE, `The query is over ${maxQueryBytes} bytes; send a smaller document`, {}, { max: maxQueryBytes });
}

/**
 * The body as text, or a rejection: PAYLOAD_TOO_LARGE over `limit` bytes (by Content-Length
 * before anything is read, else by the bytes received), QUERY_TOO_LARGE as soon as the bytes
 * received prove the document over `maxQueryBytes`. A body whose declared length is within
 * `maxQueryBytes` is never scanned: its document cannot be longer than the body.
 */
export function readBody(req: IncomingMessage, { limit, maxQueryBytes }: ReadBodyOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new HttpError(413, ErrorCode.PAYLOAD_TOO_LARGE, `Request body over ${limit} bytes`));
    const watch = maxQueryBytes !== undefined && (declared > maxQueryBytes || req.headers['content-length'] === undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    // Scanned when the body passes the limit, then each time it has doubled: linear in the body overall.
    let scanAt = maxQueryBytes ?? Infinity;
    let done = false;
    // A method, not an arrow function: the build's keepNames would name an arrow function on every request.
    const on = {
      refuse(e: HttpError, destroy: boolean) {
        done = true;
        chunks.length = 0;
        reject(e);
        // Over MAX_BODY_BYTES the connection goes; a refused document's remaining bytes are read and
        // dropped (Node's server would reset a connection closed with unread input, losing the answer).
        if (destroy) req.destroy();
      },
    };
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) return on.refuse(new HttpError(413, ErrorCode.PAYLOAD_TOO_LARGE, `Request body over ${limit} bytes`), true);
      chunks.push(c);
      if (watch && size > scanAt) {
        scanAt = size * 2;
        const verdict = queryBytesOver(chunks.length === 1 ? c : Buffer.concat(chunks), maxQueryBytes!);
        if (verdict === true) return on.refuse(queryTooLarge(maxQueryBytes!), false);
        if (verdict === false) scanAt = Infinity; // the whole document has arrived and is within the limit
      }
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      if (!done) reject(e);
    });
  });
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const QUERY_KEY = Buffer.from('query');

/**
 * Is the top-level `"query"` string of this JSON object (or of the first bytes of one) longer than
 * `limit` bytes once decoded as UTF-8? `true` only when proven (a lower bound of its decoded size
 * is over the limit), `false` when the whole string was read and is within it, `undefined` when
 * these bytes cannot tell (not an object, malformed, no `query` member yet, a key with escapes):
 * then the body is parsed as before and the document gate decides.
 *
 * Walks the top-level members without building anything: strings are skipped with the native
 * `indexOf`, nested objects and arrays by counting brackets outside strings. The decoded size of
 * a string is at most its raw size: an escape is longer than what it stands for, and bytes that
 * are not valid UTF-8 decode to U+FFFD (three bytes) each, so raw bytes count at least once.
 */
export function queryBytesOver(buf: Buffer, limit: number): boolean | undefined {
  let i = skipSpace(buf, 0);
  if (buf[i] !== 0x7b /* { */) return undefined;
  i = skipSpace(buf, i + 1);
  while (i < buf.length) {
    if (buf[i] !== QUOTE) return undefined;
    const keyEnd = stringEnd(buf, i + 1);
    if (keyEnd < 0) return undefined;
    const isQuery = keyEnd - (i + 1) === QUERY_KEY.length && buf.compare(QUERY_KEY, 0, QUERY_KEY.length, i + 1, keyEnd) === 0;
    i = skipSpace(buf, keyEnd + 1);
    if (buf[i] !== 0x3a /* : */) return undefined;
    i = skipSpace(buf, i + 1);
    if (i >= buf.length) return undefined;
    if (isQuery && buf[i] === QUOTE) return decodedOver(buf, i + 1, limit);
    i = skipValue(buf, i);
    if (i < 0) return undefined;
    i = skipSpace(buf, i);
    if (buf[i] === 0x2c /* , */) i = skipSpace(buf, i + 1);
    else return undefined; // `}` (no query member) or malformed: the parser decides
  }
  return undefined;
}

function skipSpace(buf: Buffer, i: number): number {
  while (i < buf.length) {
    const b = buf[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) break;
    i++;
  }
  return i;
}

/** The index of the quote closing a string whose content starts at `from`, or -1 if not in `buf`. */
function stringEnd(buf: Buffer, from: number): number {
  let q = buf.indexOf(QUOTE, from);
  while (q >= 0) {
    let slashes = 0;
    while (buf[q - 1 - slashes] === BACKSLASH && q - 1 - slashes >= from) slashes++;
    if (slashes % 2 === 0) return q;
    q = buf.indexOf(QUOTE, q + 1);
  }
  return -1;
}

/** The index just after the JSON value starting at `i`, or -1 if it does not end in `buf`. */
function skipValue(buf: Buffer, i: number): number {
  const first = buf[i];
  if (first === QUOTE) {
    const end = stringEnd(buf, i + 1);
    return end < 0 ? -1 : end + 1;
  }
  if (first !== 0x7b && first !== 0x5b) {
    // A number, true, false or null: up to the next delimiter.
    while (i < buf.length) {
      const b = buf[i]!;
      if (b === 0x2c || b === 0x7d || b === 0x5d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) return i;
      i++;
    }
    return -1;
  }
  let depth = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b === QUOTE) {
      const end = stringEnd(buf, i + 1);
      if (end < 0) return -1;
      i = end + 1;
      continue;
    }
    if (b === 0x7b || b === 0x5b) depth++;
    else if (b === 0x7d || b === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}

/**
 * Over `limit` decoded bytes? For the string whose content starts at `from`: raw bytes count one
 * each, an escape what it decodes to at least (`\n` one byte, `\uXXXX` one to three, half of a
 * surrogate pair two). Proven over → true; the string ends within the limit → false; else undefined.
 */
function decodedOver(buf: Buffer, from: number, limit: number): boolean | undefined {
  let saved = 0; // raw bytes beyond what the escapes decode to
  // The string goes on past these bytes: what arrived up to `end` already counts.
  const unfinished = (end = buf.length) => (end - from - saved > limit ? true : undefined);
  let i = from;
  // Each search resumes where the last stopped (a string of many `\n` stays linear).
  let quote = buf.indexOf(QUOTE, i);
  let slash = buf.indexOf(BACKSLASH, i);
  for (;;) {
    if (slash < 0 || (quote >= 0 && quote < slash)) return quote < 0 ? unfinished() : quote - from - saved > limit;
    // An escape before the next quote (a quote right after it is escaped, and skipped with it).
    if (slash + 1 >= buf.length) return unfinished(slash);
    if (buf[slash + 1] === 0x75 /* u */) {
      if (slash + 5 >= buf.length) return unfinished(slash);
      const unit = parseInt(buf.toString('latin1', slash + 2, slash + 6), 16);
      const bytes = Number.isNaN(unit) || unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 2 : 3;
      saved += 6 - bytes;
      i = slash + 6;
    } else {
      saved += 1;
      i = slash + 2;
    }
    if (quote >= 0 && quote < i) quote = buf.indexOf(QUOTE, i);
    slash = buf.indexOf(BACKSLASH, i);
  }
}
