/**
 * Wenzhou "Hundred Doctors Go Overseas" (百医出海) — scheme plugin (work in progress: see its issue).
 */
import { z } from 'zod';
import { definePlugin } from '../../src/index.js';

export const WenzhouConfig = z.object({});
export type WenzhouConfig = z.infer<typeof WenzhouConfig>;

export const wenzhouOverseasPlugin = definePlugin<WenzhouConfig>({
  key: 'wenzhou-overseas',
  name: 'Wenzhou "Hundred Doctors Go Overseas" (百医出海)',
  version: '0.1.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'Wenzhou',
  config: WenzhouConfig,
});
