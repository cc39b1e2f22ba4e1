import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT, freePort, portTaken, run, userEnv } from '../support/processes.js';

/**
 * CI must see a failing test. Each case runs vitest itself on a fixture config
 * (test/fixtures/exit-code) that goes through this suite's global setup, so the services are
 * found or started exactly as in `npm test`; it was the embedded path whose exit hook turned a
 * failed run into exit 0.
 */
const VITEST = path.join(ROOT, 'node_modules/.bin/vitest');
const CONFIG = 'test/fixtures/exit-code/vitest.config.ts';

async function runFixture(file: 'failing' | 'passing', env: NodeJS.ProcessEnv) {
  const command = run(VITEST, ['run', '--config', CONFIG, file], env);
  try {
    const { code } = await command.exited;
    return { code, output: command.output() };
  } finally {
    command.killGroup();
  }
}

describe('vitest exit code', () => {
  it('is non-zero when a test fails and 0 when all pass, with embedded PostgreSQL and Redis forced', { timeout: 180_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'exit-code-'));
    const [pgPort, redisPort] = [await freePort(), await freePort()];
    const env = userEnv({ SERVICES_FORCE_EMBEDDED: '1', SERVICES_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_REDIS_PORT: String(redisPort) });
    try {
      const failing = await runFixture('failing', env);
      // It really went the embedded way (a fresh cluster on our port), and the test really failed.
      expect(failing.output).toContain(`PostgreSQL: starting embedded server on 127.0.0.1:${pgPort}`);
      expect(failing.output).toContain('must fail');
      expect(failing.code, failing.output).toBe(1);

      const passing = await runFixture('passing', env);
      expect(passing.output).toContain(`PostgreSQL: starting embedded server on 127.0.0.1:${pgPort}`);
      expect(passing.code, passing.output).toBe(0);

      // The global teardown stopped what the setup started.
      expect(await portTaken(pgPort)).toBe(false);
      expect(await portTaken(redisPort)).toBe(false);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('is non-zero when a test fails, with services given by URL', { timeout: 120_000 }, async () => {
    const failing = await runFixture('failing', userEnv({ DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl') }));
    expect(failing.output).toContain('must fail');
    expect(failing.code, failing.output).toBe(1);
  });
});
