import { registerEnumType } from 'type-graphql';

/**
 * Register TypeScript enums as GraphQL enums in one call, their names prefixed (a plugin's
 * `graphqlTypePrefix`, or '' for the core): `registerEnums('County', { RoundStatus: [RoundStatus,
 * 'Where a round is'], PairStatus })` declares `CountyRoundStatus` and `CountyPairStatus`.
 * Every plugin repeated the same loop over `registerEnumType`.
 */
export function registerEnums(prefix: string, enums: Record<string, object | readonly [object, string]>): void {
  for (const [name, entry] of Object.entries(enums)) {
    const [e, description] = Array.isArray(entry) ? (entry as unknown as readonly [object, string]) : [entry as object, undefined];
    registerEnumType(e, { name: `${prefix}${name}`, description });
  }
}
