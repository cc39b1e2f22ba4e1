import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, run } from '../support/processes.js';

/**
 * The committed package-lock.json is the one npm writes: otherwise `npm install` on a fresh clone
 * rewrites it and leaves the tree dirty (it once lacked the optional @msgpackr-extract platform
 * entries). npm resolves the lockfile again from package.json in a scratch directory, from its
 * cache when it can (no node_modules, no install scripts), and must change nothing.
 */
it('package-lock.json is what npm install writes', { timeout: 120_000 }, async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lockfile-'));
  try {
    for (const file of ['package.json', 'package-lock.json']) await fs.copyFile(path.join(ROOT, file), path.join(dir, file));
    const npm = run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--prefix', dir], { ...process.env });
    const { code } = await npm.exited;
    expect(code, npm.output()).toBe(0);
    const [committed, written] = await Promise.all([fs.readFile(path.join(ROOT, 'package-lock.json'), 'utf8'), fs.readFile(path.join(dir, 'package-lock.json'), 'utf8')]);
    expect(written === committed, 'npm install rewrites package-lock.json: run npm install and commit the lockfile it writes').toBe(true);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
