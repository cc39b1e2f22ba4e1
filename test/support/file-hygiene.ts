import { afterAll } from 'vitest';
import { closeOpenHarnesses } from './open-harnesses.js';

/**
 * Runs in every test file (vitest `setupFiles`): a harness the file did not close (its test threw
 * before `close()`) is closed at the end of the file, so its database and queue keys go with it.
 */
afterAll(async () => {
  await closeOpenHarnesses();
});
