import { ConnectionException, DeadlockException, LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';

/**
 * What a database or Redis failure means for the client. A dependency that is down is not a
 * bug in the request: it answers SERVICE_UNAVAILABLE (503, retry later) instead of
 * INTERNAL_SERVER_ERROR, and quickly (connections time out, see DB_CONNECT_TIMEOUT_MS).
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTCONN', 'ECONNABORTED']);
// admin_shutdown, crash_shutdown, cannot_connect_now, connection_exception family
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const MESSAGES = /connection terminated|timeout exceeded when trying to connect|connection .*(closed|ended)|client has encountered a connection error|Connection is closed|getaddrinfo|Stream isn't writeable|enableOfflineQueue/i;

export function isUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  if (e instanceof ConnectionException) return true;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof err.code === 'string' && (NETWORK_CODES.has(err.code) || PG_UNAVAILABLE.has(err.code))) return true;
  if (typeof err.message === 'string' && MESSAGES.test(err.message)) return true;
  if (Array.isArray(err.errors) && err.errors.some((x) => isUnavailable(x, depth + 1))) return true;
  return isUnavailable(err.cause, depth + 1);
}

/**
 * PostgreSQL answered a statement with an error (an ErrorResponse, with its SQLSTATE): the
 * statement failed and the connection is fine. Told by its fields, not its class: the ORM's driver
 * runs its own copy of `pg`, whose DatabaseError is not the class `pg` exports here.
 */
export function isStatementRefused(e: unknown): boolean {
  const err = e as { severity?: unknown; code?: unknown } | null;
  return e instanceof Error && typeof err!.severity === 'string' && typeof err!.code === 'string' && /^[0-9A-Z]{5}$/.test(err!.code);
}

/** Two requests wrote the same unique key, or deadlocked, at the same time: the loser gets CONFLICT. */
export function isWriteConflict(e: unknown): boolean {
  return e instanceof UniqueConstraintViolationException || e instanceof DeadlockException || e instanceof LockWaitTimeoutException || (e as { code?: string })?.code === '40001';
}

/**
 * PostgreSQL refused a value (SQLSTATE class 22: malformed uuid, text too long for its column,
 * number out of range, impossible date). Validation should catch these first, naming the field;
 * if one slips through it is still the client's input, not an internal error.
 */
export function isBadData(e: unknown): boolean {
  const err = e as { sqlState?: unknown; code?: unknown } | null;
  const state = typeof err?.sqlState === 'string' ? err.sqlState : typeof err?.code === 'string' ? err.code : '';
  return /^22[0-9A-Z]{3}$/.test(state);
}
