import { GraphQLFloat, GraphQLScalarType } from 'graphql';

/**
 * A number that may have decimals (weighted scores) or exceed 2^31 (fen totals, always whole):
 * GraphQL's Float under a prefixed name, because the core's schema check counts the built-in
 * `Float` as a stray plugin type while the core schema itself does not use it.
 */
export const WenzhouDecimal = new GraphQLScalarType({
  name: 'WenzhouDecimal',
  description: 'A JSON number: a weighted score (2 decimals) or a total in whole fen (exact up to 2^53)',
  serialize: GraphQLFloat.serialize,
  parseValue: GraphQLFloat.parseValue,
  parseLiteral: GraphQLFloat.parseLiteral,
});
