import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/**
 * The project's folder (the one holding package.json, tenants/ and .data/), found by walking up
 * from this module: the same answer from the sources (src/infra/project-root.ts under tsx or
 * vitest) and from the compiled bundle (dist/start.js, whose `import.meta.url` is the bundle's).
 */
export function projectRoot(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return (found = dir);
}
