import { getMetadataStorage } from 'type-graphql';

type Storage = ReturnType<typeof getMetadataStorage>;
export type DeclaredField = Storage['fields'][number];
export type DeclaredFieldResolver = Storage['fieldResolvers'][number];

/**
 * What type-graphql declared for `typeName.fieldName`: its `@Field` (on the object type's class or
 * an ancestor, such as BaseEntity's `id`) and its `@FieldResolver`, if any; null when no class
 * declares the type. The schema build (which fields are plain) and the SQL planner (which fields
 * it may read as columns) ask the same question.
 */
export function declaredField(typeName: string, fieldName: string): { field?: DeclaredField; resolver?: DeclaredFieldResolver } | null {
  const storage = getMetadataStorage();
  const cls = storage.objectTypes.find((o) => o.name === typeName)?.target;
  if (!cls) return null;
  const lineage: Function[] = [];
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) lineage.push(c);
  const field = lineage.map((c) => storage.fields.find((f) => f.target === c && f.schemaName === fieldName)).find(Boolean);
  const resolver = storage.fieldResolvers.find((fr) => fr.schemaName === fieldName && lineage.includes((fr.getObjectType ?? fr.resolverClassMetadata?.getObjectType)?.() as Function));
  return { field, resolver };
}

/** A field graphql-jit may read as a property: declared, same property name, no role, middleware, argument or resolver. */
export function isPlainField(typeName: string, fieldName: string): boolean {
  const declared = declaredField(typeName, fieldName);
  const f = declared?.field;
  return !!f && !declared.resolver && f.name === fieldName && !f.roles && !f.middlewares?.length && !f.params?.length;
}
