import { Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { ERROR_CODE_MEANINGS, ErrorCode } from '../../errors.js';
import { ErrorCodeEnum } from '../../graphql/payload.js';

/**
 * The codes every error carries in `extensions.code` are an enum of the schema (src/graphql/payload.ts,
 * beside `UserError`, which uses it); this query lists them with their meaning in Chinese and
 * English, so a front end can word its own messages by code.
 */
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
