export * from './audit.js';
export * from './topology.js';
