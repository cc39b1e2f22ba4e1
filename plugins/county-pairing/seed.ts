import type { TenantContext } from '../../src/index.js';
import type { CountyConfig } from './config.js';
export async function seedCounty(_ctx: TenantContext<CountyConfig>): Promise<void> {}
