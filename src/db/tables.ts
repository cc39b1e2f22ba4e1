import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';

/**
 * Table names of a tenant schema, quoted, for plain SQL written beside the ORM. One way for every
 * such statement: the workers' batches and sweep (which hold a schema name, not an
 * EntityManager), the evaluation's indicators, a write's combined reads.
 */

/** `"<schema>"."<table>"`, each part quoted as PostgreSQL quotes an identifier. */
export function tenantTable(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/** The tables of the EntityManager's tenant schema, by table name. */
export function tenantTables(em: EntityManager): (table: string) => string {
  const schema = em.schema;
  if (!schema || schema === '*') throw new Error('plain SQL on a tenant table needs an EntityManager forked to a tenant schema');
  return (table: string) => tenantTable(schema, table);
}

/** An entity's table in the EntityManager's tenant schema (a write's combined reads, the plugin configuration's versions). */
export function tableOf(em: EntityManager, entity: EntityName<object>): string {
  return tenantTables(em)(em.getMetadata().get(entity).tableName);
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
