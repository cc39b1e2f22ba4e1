import { GraphQLError } from 'graphql';

/**
 * The one way to raise an error a client will see. Every error carries a stable
 * `extensions.code`; input errors also name the field (`extensions.field`) and list all problems
 * (`extensions.fields`).
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  TENANT_MISMATCH: 'TENANT_MISMATCH',
  TENANT_UNKNOWN: 'TENANT_UNKNOWN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The HTTP request is not a GraphQL request we can run (Apollo's code: CSRF, a persisted-query hash that does not match…). */
  BAD_REQUEST: 'BAD_REQUEST',
  INVALID_STATE: 'INVALID_STATE',
  CONFLICT: 'CONFLICT',
  // Abuse limits: each limit has its own code, so a client knows which one it hit.
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  /** The document's text is over MAX_QUERY_BYTES (refused unread). */
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  /** The document has more than MAX_QUERY_TOKENS lexical tokens (refused while parsing). */
  QUERY_TOO_MANY_TOKENS: 'QUERY_TOO_MANY_TOKENS',
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A unit entered too many ID numbers other units registered (src/core/services/id-numbers.ts). */
  ID_NUMBER_CHECKS_EXHAUSTED: 'ID_NUMBER_CHECKS_EXHAUSTED',
  /** A dependency (PostgreSQL, Redis) is unreachable: retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (why = 'A valid bearer token is required') => new AppError(ErrorCode.UNAUTHENTICATED, why);
export const forbidden = (why = 'Your role does not allow this') => new AppError(ErrorCode.FORBIDDEN, why);
export const notFound = (what: string, id: string) => new AppError(ErrorCode.NOT_FOUND, `${what} ${id} not found`, { entity: what, id });
export const invalidState = (why: string, extra: Record<string, unknown> = {}) => new AppError(ErrorCode.INVALID_STATE, why, extra);
export const conflict = (why: string, extra: Record<string, unknown> = {}) => new AppError(ErrorCode.CONFLICT, why, extra);
/** A limit the request went over; `http` sets the status Apollo answers with. */
export const limitExceeded = (code: ErrorCode, why: string, extra: Record<string, unknown> = {}, status = 400) =>
  new AppError(code, why, { ...extra, http: { status } });

/** Bad input: names every offending field. The first one is also `extensions.field`. */
export function badInput(problems: FieldProblem[] | FieldProblem, extra: Record<string, unknown> = {}): AppError {
  const list = Array.isArray(problems) ? problems : [problems];
  const message = list.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { field: list[0]?.field, fields: list, ...extra });
}

/**
 * Optimistic locking, one check: a caller that sends the version it read gets CONFLICT (naming
 * `expectedVersion`) when someone changed the record since, instead of overwriting their change.
 */
export function assertVersion(what: string, row: { id: string; version: number }, expectedVersion: number | null | undefined): void {
  if (expectedVersion != null && expectedVersion !== row.version) {
    throw conflict(`${what} ${row.id} was changed by someone else (version ${row.version}, you had ${expectedVersion})`, { field: 'expectedVersion' });
  }
}

/**
 * What a pure rule answers when a step is not allowed, before any resolver decides the error:
 * `state` (the step does not fit where the record is: INVALID_STATE) or `input` (a value is wrong:
 * BAD_USER_INPUT naming the field). Rules stay plain functions; `raise` turns the answer into the
 * error a client sees.
 */
export type Problem = { kind: 'state'; message: string; extra?: Record<string, unknown> } | { kind: 'input'; field: string; message: string };
export const stateProblem = (message: string, extra?: Record<string, unknown>): Problem => ({ kind: 'state', message, ...(extra ? { extra } : {}) });
export const inputProblem = (field: string, message: string): Problem => ({ kind: 'input', field, message });

/** Throw the error a rule's problem stands for. */
export function raise(problem: Problem): never {
  if (problem.kind === 'input') throw badInput({ field: problem.field, message: problem.message });
  throw invalidState(problem.message, problem.extra);
}

/** Throw when a rule found a problem; do nothing when it answered null. */
export function raiseIf(problem: Problem | null | undefined): void {
  if (problem) raise(problem);
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof GraphQLError && typeof e.extensions?.code === 'string';
}
