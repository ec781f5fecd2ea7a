/** Ruijie RGOS parsers (`show` commands) and the platform's getter recipes. */
export * from './interface-names.js';
export * from './show-version.js';
export * from './show-interfaces.js';
export * from './show-vrrp.js';
export * from './show-aggregateport.js';
export * from './show-lldp.js';
export * from './show-ip-vrf.js';
export { ruijieRgosGetters } from './getters.js';
