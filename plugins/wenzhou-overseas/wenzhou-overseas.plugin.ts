/**
 * Wenzhou "Hundred Doctors Go Overseas" (百医出海) — scheme plugin (work in progress).
 */
import { definePlugin } from '../../src/index.js';
import { WenzhouConfig } from './config.js';
import { wenzhouEntities } from './entities/index.js';

export { WenzhouConfig };

export const wenzhouOverseasPlugin = definePlugin<WenzhouConfig>({
  key: 'wenzhou-overseas',
  name: 'Wenzhou "Hundred Doctors Go Overseas" (百医出海)',
  version: '0.1.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'Wenzhou',
  config: WenzhouConfig,
  entities: wenzhouEntities,
});
