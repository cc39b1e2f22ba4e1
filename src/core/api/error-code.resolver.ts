import { Field, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { ERROR_CODE_MEANINGS, ErrorCode } from '../../errors.js';

/**
 * The codes every error carries in `extensions.code`, as an enum of the schema (documented, the
 * same values the server sends), and a query listing them with their meaning in Chinese and
 * English, so a front end can word its own messages by code.
 */
// Keyed by the code itself (ErrorCode.INTERNAL is 'INTERNAL_SERVER_ERROR'): the enum's names are what clients receive.
const ErrorCodeEnum = Object.fromEntries(Object.values(ErrorCode).map((code) => [code, code])) as Record<ErrorCode, ErrorCode>;
registerEnumType(ErrorCodeEnum, {
  name: 'ErrorCode',
  description: 'The value of `extensions.code` on every error this API returns; `errorCodes` lists each with its meaning',
  valuesConfig: Object.fromEntries(Object.values(ErrorCode).map((code) => [code, { description: `${ERROR_CODE_MEANINGS[code].zh} / ${ERROR_CODE_MEANINGS[code].en}` }])),
});

@ObjectType({ description: 'One error code and what it means' })
export class ErrorCodeMeaning {
  @Field(() => ErrorCodeEnum, { description: 'The value of `extensions.code`' })
  code!: ErrorCode;

  @Field(() => String, { description: 'What it means, in Chinese' })
  meaningZh!: string;

  @Field(() => String, { description: 'What it means, in English' })
  meaningEn!: string;

  @Field(() => Int, { description: 'The HTTP status it usually comes with (200 for errors beside data)' })
  httpStatus!: number;
}

@Resolver()
export class ErrorCodeResolver {
  @Query(() => [ErrorCodeMeaning], { description: 'Every error code of this API with its meaning (no token needed beyond any valid one)' })
  errorCodes(): ErrorCodeMeaning[] {
    return Object.values(ErrorCode).map((code) => ({ code, meaningZh: ERROR_CODE_MEANINGS[code].zh, meaningEn: ERROR_CODE_MEANINGS[code].en, httpStatus: ERROR_CODE_MEANINGS[code].status }));
  }
}
