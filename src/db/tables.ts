import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';

/**
 * An entity's table in the EntityManager's tenant schema, quoted, for plain SQL written beside
 * the ORM (a write's combined reads, the plugin configuration's versions).
 */
export function tableOf(em: EntityManager, entity: EntityName<object>): string {
  if (!em.schema) throw new Error('plain SQL on a tenant table needs an EntityManager forked to a tenant schema');
  const platform = em.getPlatform();
  return `${platform.quoteIdentifier(em.schema)}.${platform.quoteIdentifier(em.getMetadata().get(entity).tableName)}`;
}
