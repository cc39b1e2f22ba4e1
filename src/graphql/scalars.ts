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
