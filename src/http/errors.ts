import { chineseMessage, type ErrorCode } from '../errors.js';
import type { ServerResponse } from 'node:http';

/** An answer the HTTP layer sends as it is: a status, a stable code, a message, optional headers and extensions. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The GraphQL-shaped error body every plain HTTP route answers with, its Chinese message included (as /graphql's). */
export function errorBody(message: string, extensions: Record<string, unknown> & { code: string }) {
  return { errors: [{ message, extensions: { ...extensions, messageZh: chineseMessage(message, extensions) } }] };
}
