import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { tenantSdls } from '../../scripts/schema.js';
import { bilingualNameProblems, descriptionProblems, moneyProblems, mutationConventionProblems } from '../support/conventions.js';

/**
 * The conventions a front-end team builds on (issue 17), checked over every tenant's schema as
 * served (test/support/conventions.ts says each rule): payload mutations, a description on every
 * type and field, one Chinese/English naming pattern, money that carries its currency.
 */
describe('schema conventions', async () => {
  const schemas = [...(await tenantSdls())].map(([tenant, sdl]) => [tenant, buildSchema(sdl)] as const);
  const each = (check: (s: ReturnType<typeof buildSchema>) => string[]) => [...new Set(schemas.flatMap(([, s]) => check(s)))].sort();

  it('every live mutation takes one input and returns a …Payload with userErrors; every deprecated one names its replacement', () => {
    expect(each((s) => mutationConventionProblems(s))).toEqual([]);
  });
  it('every type and field has a description', () => {
    expect(each((s) => descriptionProblems(s))).toEqual([]);
  });
  it('Chinese and English names come as <stem>Zh / <stem>En pairs', () => {
    expect(each((s) => bilingualNameProblems(s))).toEqual([]);
  });
  it('money on output is Money (fen, amount, currency), never a bare number', () => {
    expect(each((s) => moneyProblems(s))).toEqual([]);
  });
});
