import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { startHarness, type Harness } from '../support/harness.js';

/** Error codes are an enum of every schema, documented, with the values clients receive (issue 17). */
const root = fileURLToPath(new URL('../..', import.meta.url));
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'node_modules' || f === 'test' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('error codes', () => {
  const codes = Object.values(ErrorCode).sort();

  it('every tenant schema has enum ErrorCode with exactly the codes the server sends', () => {
    for (const file of readdirSync(join(root, 'schema')).filter((f) => f.endsWith('.graphql'))) {
      const sdl = readFileSync(join(root, 'schema', file), 'utf8');
      const body = /enum ErrorCode \{([^}]*)\}/.exec(sdl)?.[1] ?? '';
      const values = [...body.matchAll(/^\s+([A-Z_]+)$/gm)].map((m) => m[1]).sort();
      expect(values, file).toEqual(codes);
    }
  });

  it('no code is written as a bare string outside the list', () => {
    const literal = /(?:extensions: \{ code: |HttpError\(\d+, |code: status === \d+ \? )'([A-Z_]+)'/g;
    for (const file of [...sources(join(root, 'src')), ...sources(join(root, 'plugins'))]) {
      for (const m of readFileSync(file, 'utf8').matchAll(literal)) expect(codes, `${file}: ${m[1]}`).toContain(m[1]);
    }
  });

  it('errorCodes lists each with its meaning in Chinese and English', async () => {
    const r = await h.ok(await h.token('alpha', 'viewer'), `{ errorCodes { code meaningZh meaningEn httpStatus } }`);
    expect(r.errorCodes.map((c: { code: string }) => c.code).sort()).toEqual(codes);
    for (const c of r.errorCodes) expect(c.meaningZh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.errorCodes.find((c: { code: string }) => c.code === 'RATE_LIMITED')).toMatchObject({ httpStatus: 429 });
  });
});
