/**
 * The plugin registry: every scheme this deployment can enable, listed explicitly (no folder
 * scanning). A tenant enables plugins by key in `tenants/<key>.yaml`.
 */
import type { AnySchemePlugin } from '../src/index.js';

export const plugins: AnySchemePlugin[] = [];
