/**
 * Guizhou Medical Talents Plan, Shanghai Ruijin class — scheme plugin (work in progress: see its issue).
 */
import { z } from 'zod';
import { definePlugin } from '../../src/index.js';

export const GuizhouConfig = z.object({});
export type GuizhouConfig = z.infer<typeof GuizhouConfig>;

export const guizhouShanghaiClassPlugin = definePlugin<GuizhouConfig>({
  key: 'guizhou-shanghai-class',
  name: 'Guizhou Medical Talents Plan, Shanghai Ruijin class',
  version: '0.1.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'Guizhou',
  config: GuizhouConfig,
});
