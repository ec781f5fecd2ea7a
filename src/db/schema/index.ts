export * from './audit.js';
export * from './topology.js';
export * from './host-keys.js';
export * from './changes.js';
