/**
 * VRP-format parsers shared by huawei-vrp and huawei-usg (the USG runs VRP and prints the same
 * display tables). Platform folders must not import each other, so both re-export from here.
 */
export * from './interface-names.js';
export * from './display-interface.js';
export * from './display-ip-interface.js';
export * from './display-vrrp.js';
export * from './display-eth-trunk.js';
export * from './display-lldp.js';
export * from './display-version.js';
export * from './display-vpn-instance.js';
export * from './display-arp.js';
export { vrpGetters } from './getters.js';
