/**
 * County mentor–apprentice pairing — scheme plugin (work in progress: see its issue).
 */
import { z } from 'zod';
import { definePlugin } from '../../src/index.js';

export const CountyConfig = z.object({});
export type CountyConfig = z.infer<typeof CountyConfig>;

export const countyPairingPlugin = definePlugin<CountyConfig>({
  key: 'county-pairing',
  name: 'County mentor–apprentice pairing',
  version: '0.1.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'County',
  config: CountyConfig,
});
