import type { SeedContext } from '../../src/index.js';
import type { HospitalConfig } from './config.js';
export async function seedHospital(_ctx: SeedContext<HospitalConfig>): Promise<void> {}
