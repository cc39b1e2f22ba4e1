import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';

/** `npm run token` as users run it (issue 12, item 17): checked input, usage instead of stack traces. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const UNIT = '0190a6f0-0000-7000-8000-000000000001';

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', 'token', ...args], { cwd: root, env: { ...process.env, NODE_ENV: 'development' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run token', () => {
  it('prints a token for a tenant of tenants/ and a role', async () => {
    const r = await run(['--', '--tenant', 'wenzhou', '--role', 'commission-admin']);
    expect(r.code).toBe(0);
    expect(decodeJwt(r.stdout.trim())).toMatchObject({ tenant: 'wenzhou', roles: ['commission-admin'], exp: expect.any(Number) });
  });

  it.each([
    [['--', '--tenant', 'nosuch', '--role', 'viewer'], /no tenant "nosuch" in tenants\/.*wenzhou/],
    [['--', '--tenant', 'wenzhou', '--role', 'unit-coordinator'], /needs --unit/],
    [['--', '--tenant', 'wenzhou', '--role', 'unit-coordinator', '--unit', 'hospital-1'], /must be an id from the API/],
    [['--', '--tenant', 'wenzhou', '--role', 'talent'], /needs --talent/],
    [['--', '--tenant', 'wenzhou', '--role', 'chief'], /unknown role chief/],
    [['--', '--tenant', 'wenzhou', '--role', 'platform-admin'], /not a tenant's role/],
    [['--', '--tenant', 'wenzhou', '--role', 'viewer', '--expires', '100y'], /longer than the server accepts/],
    [['--', '--tenant', 'wenzhou', '--role', 'viewer', '--colour', 'red'], /Unknown option '--colour'/],
    // The forgotten `--`: npm takes the options for itself and hands over bare words.
    [['--tenant', 'wenzhou', '--role', 'viewer'], /put -- after "npm run token"/],
  ])('refuses %j with a one-line reason and the usage, exit 2, no stack trace', async (args, reason) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(reason as RegExp);
    expect(r.stderr).toMatch(/usage: npm run token/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers --help with the usage, exit 0', async () => {
    const r = await run(['--', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage: npm run token/);
  });

  it('mints a unit coordinator with its unit, and a platform admin for the platform', async () => {
    const unit = await run(['--', '--tenant', 'yuping', '--role', 'unit-coordinator', '--unit', UNIT]);
    expect(unit.code).toBe(0);
    expect(decodeJwt(unit.stdout.trim())).toMatchObject({ tenant: 'yuping', unit: UNIT });
    const ops = await run(['--', '--role', 'platform-admin']);
    expect(ops.code).toBe(0);
    expect(decodeJwt(ops.stdout.trim())).toMatchObject({ tenant: 'platform', roles: ['platform-admin'] });
  });
});
