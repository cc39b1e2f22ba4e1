import type { TestProject } from 'vitest/node';
import { ensureServices, type Services } from '../../src/infra/services.js';

/** Find or start PostgreSQL and Redis once for the whole run; each test file makes its own database. */
let services: Services | undefined;

export async function setup(project: TestProject): Promise<void> {
  services = await ensureServices({ log: (m) => console.error(`[test services] ${m}`) });
  project.provide('databaseUrl', services.databaseUrl);
  project.provide('redisUrl', services.redisUrl);
}

export async function teardown(): Promise<void> {
  await services?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}
