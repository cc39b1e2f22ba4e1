import type { PluginHost } from '../plugin/host.js';
import type { TenantInfo } from '../plugin/contract.js';
import { overdueReportsExporter, talentsExporter } from './core-exporters.js';
import { talentsImporter } from './core-importers.js';
import type { Exporter, Importer } from './types.js';

const CORE_IMPORTERS: readonly Importer[] = [talentsImporter];
const CORE_EXPORTERS: readonly Exporter[] = [talentsExporter, overdueReportsExporter];

/** The importers a tenant has: the core's and those of the plugins it enables (keys `<plugin>.<name>`). */
export function importersOf(host: PluginHost, tenant: Pick<TenantInfo, 'plugins'>): Map<string, Importer> {
  return new Map([...CORE_IMPORTERS, ...host.enabled(tenant).flatMap((p) => p.importers ?? [])].map((i) => [i.key, i]));
}

export function exportersOf(host: PluginHost, tenant: Pick<TenantInfo, 'plugins'>): Map<string, Exporter> {
  return new Map([...CORE_EXPORTERS, ...host.enabled(tenant).flatMap((p) => p.exporters ?? [])].map((e) => [e.key, e]));
}
