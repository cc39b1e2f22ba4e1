import { definePlugin } from '../../src/index.js';
import { resolvers } from './api/resolvers.js';
import { GuizhouConfig } from './config.js';
import { GuizhouCohort, GuizhouTrainee } from './entities/index.js';
import { GuizhouInit } from './migrations/0001-init.js';
import { guizhouRules } from './rules/index.js';
import { seedDemo } from './seed.js';

export { GuizhouConfig };

export const guizhouShanghaiClassPlugin = definePlugin<GuizhouConfig>({
  key: 'guizhou-shanghai-class',
  name: 'Guizhou Medical Talents Plan, Shanghai Ruijin class',
  version: '1.0.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'Guizhou',
  config: GuizhouConfig,
  entities: [GuizhouCohort, GuizhouTrainee],
  migrations: [{ name: 'guizhou-shanghai-class.0001-init', class: GuizhouInit }],
  resolvers,
  rules: guizhouRules,
  seed: seedDemo,
});
