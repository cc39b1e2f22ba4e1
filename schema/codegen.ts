/**
 * GraphQL Code Generator configuration for front-end teams: TypeScript types for every tenant's
 * schema and your operations. With `npm i -D @graphql-codegen/cli @graphql-codegen/typescript-operations`
 * (v6 emits the enums and inputs an operation uses itself; adding the `typescript` plugin too
 * declares them twice), run `npx graphql-codegen --config schema/codegen.ts`
 * (put your own operations where `documents` points). The scalar mappings below are what the API
 * sends on the wire; `strictScalars` makes a scalar without a mapping an error, so a new one cannot
 * silently become `any`. test/api/codegen.test.ts generates types for the operations in
 * schema/operations/ with this very configuration and type-checks code that uses them.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCALARS = {
  /** A calendar day in China (Asia/Shanghai), `YYYY-MM-DD`. */
  Date: 'string',
  /** An instant, ISO 8601 in UTC (`2026-11-29T01:00:00.000Z`). */
  DateTimeISO: 'string',
  /** Any JSON value (configuration, audit before/after). */
  JSON: 'unknown',
  /** A weighted score (2 decimals) or a total in whole fen, as a JSON number. */
  WenzhouDecimal: 'number',
  /** Money in whole fen, a JSON number exact up to 2^53 (research grants, a stay's funding). */
  Fen: 'number',
} as const;

/** Options of every tenant's output (the typescript-operations plugin). */
export const TYPES_CONFIG = {
  scalars: SCALARS,
  strictScalars: true,
  enumsAsTypes: true,
  useTypeImports: true,
  avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
};

/** Every tenant whose SDL is in this folder (`npm run schema` writes them). */
export const TENANTS = readdirSync(dirname(fileURLToPath(import.meta.url)))
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => f.slice(0, -'.graphql'.length))
  .sort();

/** The `@graphql-codegen/cli` configuration (a plain object, so this file needs no codegen package). */
export default {
  overwrite: true,
  generates: Object.fromEntries(
    TENANTS.map((tenant) => [
      `src/generated/${tenant}.ts`,
      { schema: `schema/${tenant}.graphql`, documents: `schema/operations/${tenant}/*.graphql`, plugins: ['typescript-operations'], config: TYPES_CONFIG },
    ]),
  ),
};
