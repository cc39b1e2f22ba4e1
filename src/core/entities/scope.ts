import { Filter } from '@mikro-orm/decorators/legacy';

/**
 * Row scoping lives in the data layer: every query through a request's EntityManager carries
 * the `rowScope` filter, so a unit coordinator can only ever load its own unit's rows and a
 * talent only its own, however a resolver (or a plugin) builds the query.
 *
 * Params: `{ unitId?: string; talentId?: string }`; both absent = the whole tenant.
 */
export interface RowScope {
  unitId?: string | null;
  talentId?: string | null;
}
export const ROW_SCOPE = 'rowScope';

/** For rows owned by a talent and their dispatching unit (`unit` and `talent` columns). */
export const TalentOwned = () =>
  Filter({
    name: ROW_SCOPE,
    default: true,
    cond: (args: RowScope) => {
      if (args?.talentId) return { talent: args.talentId };
      if (args?.unitId) return { unit: args.unitId };
      return {};
    },
  });
