export * from './schema.js';
export * from './findings.js';
export * from './catalog.js';
export { loadTopology, loadTopologyFromObject, discoverNetworks, locateFindings, readablePath, canonicalJson, schemaErrors, SourceMap } from './loader.js';
export type { LoadOptions, LoadResult, SourceLocation } from './loader.js';
export { MAX_YAML_BYTES, MAX_YAML_VALUES } from './yaml-guard.js';
export { summarizeTopology, formatSummary } from './summary.js';
export type { TopologySummary } from './summary.js';
