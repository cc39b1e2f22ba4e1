import { afterAll } from 'vitest';
import { closeOpenHarnesses } from './open-harnesses.js';

/**
 * Runs in every test file (vitest `setupFiles`). Two guards:
 * - a harness the file did not close (its test threw before `close()`) is closed at the end of
 *   the file, so its database and queue keys go with it;
 * - an ioredis client without an 'error' listener prints "[ioredis] Unhandled error event" and
 *   carries on: the file fails instead, since that is a connection whose failures nobody sees.
 */
const unhandled: string[] = [];
const consoleError = console.error;
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('[ioredis] Unhandled error event')) unhandled.push(args.map(String).join(' ').split('\n')[0]!);
  consoleError(...args);
};

afterAll(async () => {
  await closeOpenHarnesses();
  if (unhandled.length) throw new Error(`an ioredis client had no 'error' listener: ${unhandled.join('; ')}`);
});
