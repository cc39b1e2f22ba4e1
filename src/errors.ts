import { GraphQLError } from 'graphql';
import { z } from 'zod';

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
  /** An uploaded file whose content is not a kind we keep, or whose name disagrees with its content (src/files/sniff.ts). */
  UNSUPPORTED_FILE_TYPE: 'UNSUPPORTED_FILE_TYPE',
  /** A signed link (src/notify/links.ts) was used already, has expired, or is not one of ours: nothing changed. */
  LINK_USED: 'LINK_USED',
  LINK_EXPIRED: 'LINK_EXPIRED',
  LINK_INVALID: 'LINK_INVALID',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A unit entered too many ID numbers other units registered (src/core/services/id-numbers.ts). */
  ID_NUMBER_CHECKS_EXHAUSTED: 'ID_NUMBER_CHECKS_EXHAUSTED',
  /** A dependency (PostgreSQL, Redis) is unreachable: retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  // Apollo Server's own codes, for requests it answers (parsing, validation, persisted queries).
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * What each code means, in Chinese and English: the `ErrorCode` enum of every tenant's schema and
 * the `errorCodes` query carry these, so a front end can show its own text by code. A code without
 * a description here does not compile.
 */
export const ERROR_CODE_MEANINGS: Record<ErrorCode, { zh: string; en: string; status: number }> = {
  UNAUTHENTICATED: { zh: '缺少有效令牌，或令牌已过期', en: 'No valid bearer token (missing, expired, or not for this server)', status: 401 },
  FORBIDDEN: { zh: '当前角色无权执行此操作', en: 'Your role does not allow this', status: 403 },
  TENANT_MISMATCH: { zh: 'X-Tenant 与令牌所属地区不一致', en: 'X-Tenant does not match the tenant of the token', status: 403 },
  TENANT_UNKNOWN: { zh: '令牌所属地区不存在', en: "The token's tenant does not exist", status: 403 },
  NOT_FOUND: { zh: '记录不存在，或不在您的可见范围内', en: 'No such record, or not one you may see', status: 200 },
  BAD_USER_INPUT: { zh: '输入有误，extensions.fields 列出每个字段及原因，未写入任何数据', en: 'Bad input: extensions.fields names every field and why; nothing was written', status: 200 },
  BAD_REQUEST: { zh: '请求不是可执行的 GraphQL 请求（CSRF 防护、持久化查询哈希不符等）', en: 'Not a GraphQL request that can run (CSRF rule, a persisted-query hash that does not match…)', status: 400 },
  INVALID_STATE: { zh: '记录当前状态不允许此操作', en: 'The record is not in a state that allows this', status: 200 },
  CONFLICT: { zh: '与已有数据冲突或已被他人修改，请刷新后重试', en: 'Conflicts with existing data, or someone else changed it: reload and retry', status: 200 },
  QUERY_TOO_DEEP: { zh: '查询嵌套层数超过上限', en: 'The query is nested deeper than MAX_QUERY_DEPTH', status: 400 },
  QUERY_TOO_COMPLEX: { zh: '查询估算成本超过上限，请减小分页或字段', en: "The query's estimated cost is over MAX_QUERY_COMPLEXITY: smaller pages or fewer fields", status: 400 },
  TOO_MANY_ALIASES: { zh: '别名数量超过上限', en: 'More aliases than MAX_ALIASES', status: 400 },
  QUERY_TOO_LARGE: { zh: '查询文本字节数超过上限', en: 'The document is over MAX_QUERY_BYTES', status: 400 },
  QUERY_TOO_MANY_TOKENS: { zh: '查询词法单元数超过上限', en: 'The document has more than MAX_QUERY_TOKENS tokens', status: 400 },
  INTROSPECTION_DISABLED: { zh: '生产环境关闭了内省，请使用提交的 schema 文件', en: 'Introspection is off in production: use schema/<tenant>.graphql', status: 400 },
  PAYLOAD_TOO_LARGE: { zh: '请求体超过上限', en: 'The request body is over MAX_BODY_BYTES', status: 413 },
  UNSUPPORTED_FILE_TYPE: { zh: '文件内容不是可接收的类型（PDF、JPEG、PNG、Word、Excel），或文件名与内容不符', en: 'The file is not a kind we keep (PDF, JPEG, PNG, Word, Excel), or its name disagrees with its content', status: 415 },
  LINK_USED: { zh: '此确认链接已使用过，本次未作任何更改', en: 'This signed link was used already; nothing changed', status: 409 },
  LINK_EXPIRED: { zh: '此确认链接已过期，本次未作任何更改', en: 'This signed link has expired; nothing changed', status: 410 },
  LINK_INVALID: { zh: '链接无效或所指记录已不存在', en: 'Not a valid link, or its record is gone', status: 404 },
  RATE_LIMITED: { zh: '请求过于频繁，请按 Retry-After 稍后重试', en: 'Too many requests for this token: retry after Retry-After seconds', status: 429 },
  ID_NUMBER_CHECKS_EXHAUSTED: { zh: '本单位24小时内录入他单位已登记身份证号次数已达上限', en: "Your unit entered too many ID numbers registered by other units in 24 hours", status: 200 },
  SERVICE_UNAVAILABLE: { zh: '依赖服务暂不可用，请稍后重试', en: 'A service this request needs is unavailable: retry shortly', status: 503 },
  SHUTTING_DOWN: { zh: '服务正在停止，请重试', en: 'The server is shutting down: retry', status: 503 },
  METHOD_NOT_ALLOWED: { zh: '请使用 POST /graphql', en: 'Use POST /graphql', status: 405 },
  GRAPHQL_PARSE_FAILED: { zh: '查询语法错误', en: 'The document does not parse', status: 400 },
  GRAPHQL_VALIDATION_FAILED: { zh: '查询不符合 schema', en: 'The document does not validate against the schema', status: 400 },
  OPERATION_RESOLUTION_FAILURE: { zh: '文档中没有 operationName 指定的操作', en: 'The document has no operation of that operationName', status: 400 },
  PERSISTED_QUERY_NOT_FOUND: { zh: '持久化查询未注册，请连同查询文本重发', en: 'Persisted query not registered: send it again with its text', status: 200 },
  PERSISTED_QUERY_NOT_SUPPORTED: { zh: '不支持持久化查询', en: 'Persisted queries are not supported', status: 400 },
  INTERNAL_SERVER_ERROR: { zh: '服务器内部错误，已记录（附请求号）', en: 'Internal error: logged with the request id', status: 500 },
};

export interface FieldProblem {
  field: string;
  message: string;
  /** The same in Chinese; when absent, `messageZh` is derived (the message itself when it is Chinese already). */
  messageZh?: string;
}

const CJK = /[\u4e00-\u9fff]/;
/** "English (中文)": many messages carry their Chinese in a closing parenthesis; that part is the Chinese message. */
const TRAILING_ZH = /[(（]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]\s*$/;
const chinesePart = (message: string): string | null => (CJK.test(message) ? (TRAILING_ZH.exec(message)?.[1] ?? message) : null);
const zhLocale = z.locales.zhCN().localeError;

/** Chinese for a zod issue: our own message when it is Chinese already, else zod's zh-CN text for its code. */
function zodIssueZh(issue: z.core.$ZodIssue): string {
  const own = chinesePart(issue.message);
  if (own) return own;
  const zh = zhLocale(issue as never);
  const text = typeof zh === 'string' ? zh : zh?.message;
  // Issues reach us without their input (not kept, as it may be personal data): drop zod's "received undefined".
  return text ? text.replace(/，实际接收 undefined$/, '') : '取值无效';
}

/** zod's issues as field problems (English and Chinese), the field path joined with dots under `prefix`. */
export function zodProblems(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldProblem[] {
  return issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || (prefix ?? '(root)'),
    message: issue.message,
    messageZh: zodIssueZh(issue),
  }));
}

/** One bad field's problem in Chinese: its own Chinese, else the Chinese part of its message, else a generic one. */
export function problemZh(p: FieldProblem): string {
  return p.messageZh ?? chinesePart(p.message) ?? `取值无效（${p.message}）`;
}

/**
 * The Chinese message of an error a client sees (`extensions.messageZh`): a bad input's fields
 * each in Chinese; a message that is Chinese already as it is; otherwise what its code means.
 */
export function chineseMessage(message: string, extensions: Readonly<Record<string, unknown>> | undefined): string {
  const code = extensions?.code as ErrorCode | undefined;
  const fields = extensions?.fields as FieldProblem[] | undefined;
  if (code === ErrorCode.BAD_USER_INPUT && Array.isArray(fields) && fields.length) {
    return fields.map((p) => `${p.field}：${problemZh(p)}`).join('；');
  }
  const own = chinesePart(message);
  if (own) return own;
  return (code && ERROR_CODE_MEANINGS[code]?.zh) || ERROR_CODE_MEANINGS.INTERNAL_SERVER_ERROR.zh;
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
