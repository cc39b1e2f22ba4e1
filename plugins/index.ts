/**
 * The plugin registry: every scheme this deployment can enable, listed explicitly (no folder
 * scanning). A tenant enables plugins by key in `tenants/<key>.yaml`.
 */
import type { AnySchemePlugin } from '../src/index.js';
import { countyPairingPlugin } from './county-pairing/county-pairing.plugin.js';
import { hospitalOverseasPlugin } from './hospital-overseas/hospital-overseas.plugin.js';
import { managementDelegationPlugin } from './management-delegation/management-delegation.plugin.js';
import { guizhouShanghaiClassPlugin } from './guizhou-shanghai-class/guizhou-shanghai-class.plugin.js';
import { wenzhouOverseasPlugin } from './wenzhou-overseas/wenzhou-overseas.plugin.js';

export const plugins: AnySchemePlugin[] = [wenzhouOverseasPlugin, guizhouShanghaiClassPlugin, countyPairingPlugin, hospitalOverseasPlugin, managementDelegationPlugin];
