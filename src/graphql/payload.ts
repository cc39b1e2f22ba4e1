import { GraphQLError } from 'graphql';
import { Field, Mutation, ObjectType, UseMiddleware, registerEnumType, type ClassType, type MiddlewareFn } from 'type-graphql';
import { ERROR_CODE_MEANINGS, ErrorCode, chineseMessage, problemZh, type FieldProblem } from '../errors.js';
import type { RequestContext } from './context.js';

/**
 * Mutations the way GitHub's and Shopify's APIs shape them: one `input` argument and a
 * `…Payload` result that carries the record and `userErrors`. A mistake the user can correct
 * (bad input, a record not found, a state that does not allow it, a conflict) comes back in
 * `userErrors`, typed by the same `ErrorCode` as `extensions.code`, and the request's
 * transaction is rolled back, so nothing is written. Who may do it (UNAUTHENTICATED,
 * FORBIDDEN) and failures of the server stay top-level errors.
 *
 * A resolver declares one with the kit and returns the bare record:
 *
 *   const TalentCreatePayload = PayloadType('TalentCreatePayload', 'talent', () => Talent, '…');
 *   @PayloadMutation(TalentCreatePayload, { description: '…' })
 *   talentCreate(@Ctx() ctx, @Arg('input', () => TalentInput) input: TalentInput) { return createTalent(ctx, input); }
 */

// Keyed by the code itself (ErrorCode.INTERNAL is 'INTERNAL_SERVER_ERROR'): the enum's names are what clients receive.
export const ErrorCodeEnum = Object.fromEntries(Object.values(ErrorCode).map((code) => [code, code])) as Record<ErrorCode, ErrorCode>;
registerEnumType(ErrorCodeEnum, {
  name: 'ErrorCode',
  description: 'The value of `extensions.code` on every error this API returns, and of `UserError.code`; `errorCodes` lists each with its meaning',
  valuesConfig: Object.fromEntries(Object.values(ErrorCode).map((code) => [code, { description: `${ERROR_CODE_MEANINGS[code].zh} / ${ERROR_CODE_MEANINGS[code].en}` }])),
});

/** Codes a user can act on by changing what they send, or by doing things in order. */
const USER_ERROR_CODES = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE, ErrorCode.CONFLICT, ErrorCode.ID_NUMBER_CHECKS_EXHAUSTED]);

@ObjectType('UserError', { description: 'A mistake the user can correct, returned in a mutation’s payload; nothing was written (用户可纠正的错误，未写入任何数据)' })
export class UserError {
  @Field(() => ErrorCodeEnum, { description: 'Why: the same values as `extensions.code` (see `errorCodes`)' })
  code!: ErrorCode;

  @Field(() => String, { nullable: true, description: 'The input field at fault, as a dotted path inside `input` (e.g. `plannedEnd`, `items.2.amount`); null when it is not one field' })
  field!: string | null;

  @Field(() => String, { description: 'What is wrong, in English' })
  message!: string;

  @Field(() => String, { description: 'What is wrong, in Chinese (中文说明)' })
  messageZh!: string;
}

/** The typed errors of a GraphQL error a user can correct; null for any other error (rethrown). */
export function userErrorsOf(error: unknown): UserError[] | null {
  if (!(error instanceof GraphQLError)) return null;
  const code = error.extensions?.code as string | undefined;
  if (!code || !USER_ERROR_CODES.has(code)) return null;
  const fields = error.extensions.fields as FieldProblem[] | undefined;
  if (code === ErrorCode.BAD_USER_INPUT && Array.isArray(fields) && fields.length) {
    return fields.map((p) => ({ code: code as ErrorCode, field: p.field, message: p.message, messageZh: problemZh(p) }));
  }
  const field = typeof error.extensions.field === 'string' ? error.extensions.field : null;
  return [{ code: code as ErrorCode, field, message: error.message, messageZh: chineseMessage(error.message, error.extensions) }];
}

/** The deprecation reason of a mutation a payload mutation replaces (the schema-conventions test reads `Use <mutation>`). */
export const replacedBy = (mutation: string): string => `Use ${mutation}: one input, a payload with typed userErrors`;

const payloadFields = new Map<Function, string>();

/**
 * A `…Payload` type: `<field>: <type>` (null when the mutation refused) and `userErrors`.
 * `type` is what the mutation's service returns (a record, a list, a scalar).
 */
export function PayloadType(name: string, field: string, type: () => unknown, description: string): ClassType {
  @ObjectType(name, { description })
  class Payload {
    userErrors!: UserError[];
  }
  Field(type as never, { nullable: true, description: `The ${field} as it stands after the mutation; null when \`userErrors\` says why nothing was done` })(Payload.prototype, field);
  Field(() => [UserError], { description: 'Mistakes the user can correct; empty when the mutation succeeded. When not empty, nothing was written.' })(Payload.prototype, 'userErrors');
  Object.defineProperty(Payload, 'name', { value: name });
  payloadFields.set(Payload, field);
  return Payload;
}

/** Wraps the resolver's bare result in the payload, and a correctable error in `userErrors` (rolling the request back). */
function payloadOf(field: string): MiddlewareFn<RequestContext> {
  return async ({ context }, next) => {
    try {
      return { [field]: await next(), userErrors: [] };
    } catch (error) {
      const userErrors = userErrorsOf(error);
      if (!userErrors) throw error;
      context.rollbackOnly();
      return { [field]: null, userErrors };
    }
  };
}

/**
 * `@Mutation` returning `payload` (made by `PayloadType`): the method takes one `input` argument
 * and returns the bare record, which this wraps; errors the user can correct become `userErrors`.
 */
export function PayloadMutation(payload: ClassType, options: { description: string; name?: string; deprecationReason?: string }): MethodDecorator {
  const field = payloadFields.get(payload);
  if (!field) throw new Error(`${payload.name} was not made by PayloadType`);
  const mutation = Mutation(() => payload, options);
  const middleware = UseMiddleware(payloadOf(field));
  return (target, key, descriptor) => {
    middleware(target, key, descriptor);
    mutation(target, key, descriptor);
  };
}
