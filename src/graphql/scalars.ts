import { GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDate } from '../calendar.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `Date`: a calendar day in China (Asia/Shanghai), `YYYY-MM-DD`. Distinct from `DateTimeISO`,
 * which is an instant. A birth date or a report's due day is a `Date`: it never shifts with the
 * reader's time zone.
 */
export const CalendarDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar day in China (Asia/Shanghai), formatted YYYY-MM-DD',
  serialize(value) {
    // Output comes from a `date` column, valid by construction: checking its shape is enough
    // (the full check, which builds a Date, is for input). Thousands of these per dashboard page.
    if (typeof value === 'string' && ISO_DAY.test(value)) return value;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new TypeError(`Date cannot represent ${String(value)}`);
  },
  // Plain errors on purpose: graphql-js then prefixes the variable path or the literal's type
  // (`Variable "$i" got invalid value "2023-02-30" at "i.birthDate"; …`), naming the field.
  parseValue(value) {
    if (!isCalendarDate(value)) throw new TypeError(`expected a calendar day YYYY-MM-DD, got ${JSON.stringify(value)}`);
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !isCalendarDate(ast.value)) throw new TypeError('expected a calendar day YYYY-MM-DD');
    return ast.value;
  },
});

/**
 * `Fen`: an amount of money in whole fen (1/100 yuan), a JSON number exact up to 2^53: GraphQL's
 * `Int` stops at 2^31 fen (about 21 million yuan), less than a national research grant.
 */
export const FenScalar = new GraphQLScalarType<number, number>({
  name: 'Fen',
  description: 'Money in whole fen (1/100 yuan), a JSON number exact up to 2^53',
  serialize(value) {
    const n = typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
    throw new TypeError(`Fen cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`expected whole fen (an integer), got ${JSON.stringify(value)}`);
    return value;
  },
  parseLiteral(ast) {
    const n = ast.kind === Kind.INT ? Number(ast.value) : NaN;
    if (!Number.isSafeInteger(n)) throw new TypeError('expected whole fen (an integer)');
    return n;
  },
});
