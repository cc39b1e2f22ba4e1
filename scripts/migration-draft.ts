/**
 * Prints the DDL the ORM would create for the core's entities, or for one plugin's, as a draft
 * for a migration file (tables unqualified: migrations run with the tenant's schema as search_path).
 *
 *   npm run migration:draft              # core
 *   npm run migration:draft -- wenzhou-overseas
 *
 * Review the draft, then paste it into a Migration class. Migrations, never schema sync, change
 * tenant schemas.
 */
import { createOrm } from '../src/db/orm.js';
import { coreEntities } from '../src/core/entities/index.js';
import { plugins } from '../plugins/index.js';

const key = process.argv[2];
const plugin = key ? plugins.find((p) => p.key === key) : undefined;
if (key && !plugin) {
  console.error(`No plugin "${key}" in plugins/index.ts`);
  process.exit(2);
}
const orm = await createOrm({
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  entities: plugins.flatMap((p) => p.entities ?? []),
  migrations: [],
});
const wanted = new Set((plugin ? plugin.entities ?? [] : coreEntities).map((e) => orm.getMetadata().find(e)!.tableName));
const sql = await orm.schema.getCreateSchemaSQL({ wrap: false, includeWildcardSchema: true, schema: 'draft' } as never);
/** The table a DDL statement changes. */
const targetTable = (s: string) => /^(?:create table|alter table|create (?:unique )?index "[^"]+" on) "draft"\."([^"]+)"/.exec(s)?.[1];
const statements = sql
  .split(/;\n/)
  .map((s) => s.trim())
  .filter((s) => s && !s.startsWith('create schema'))
  .filter((s) => wanted.has(targetTable(s) ?? ''))
  .map((s) => s.replaceAll('"draft".', '').replace(/;$/, ''));
console.log(statements.map((s) => `this.addSql(\`${s};\`);`).join('\n'));
await orm.close();
