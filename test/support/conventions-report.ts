/**
 * What the schema-conventions test would say, listed in full for work in progress:
 * `npx tsx test/support/conventions-report.ts [substring]` (after `npm run schema`); the
 * substring narrows to problems that mention it (a plugin's type prefix, a mutation name).
 */
import { buildSchema } from 'graphql';
import { tenantSdls } from '../../scripts/schema.js';
import { bilingualNameProblems, descriptionProblems, moneyProblems, mutationConventionProblems } from './conventions.js';
const schemas = [...(await tenantSdls())].map(([, sdl]) => buildSchema(sdl));
for (const [n, c] of Object.entries({ mutationConventionProblems, descriptionProblems, bilingualNameProblems, moneyProblems })) {
  const all = [...new Set(schemas.flatMap((s) => (c as any)(s)))].sort();
  const filter = process.argv[2];
  const shown = filter ? all.filter((p) => p.toLowerCase().includes(filter.toLowerCase())) : all;
  console.log(`## ${n}: ${all.length} (${shown.length} shown)`);
  console.log(shown.join('\n'));
}
