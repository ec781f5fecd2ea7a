/** The getter recipes of a VRP device (switch or USG): commands to send and how to build the uniform shapes. */
import type { GetterRecipes } from '../types.js';
import { mapVrpInterfaces, parseConfigInterfaceDescriptions, parseDisplayInterfaceBrief } from './display-interface.js';
import { mapVrpVrrp, parseDisplayVrrp } from './display-vrrp.js';
import { mapVrpLags, parseDisplayEthTrunkBlocks } from './display-eth-trunk.js';
import { mapVrpLldpNeighbors, parseDisplayLldpNeighborBrief } from './display-lldp.js';
import { mapVrpFacts, parseDisplayEsn, parseDisplayVersion, parseSysname } from './display-version.js';
import { mapVrpVpnInstances, parseDisplayIpVpnInstanceVerbose } from './display-vpn-instance.js';

const C = {
  version: 'display version',
  esn: 'display esn',
  sysname: 'display current-configuration | include sysname',
  brief: 'display interface brief',
  config: 'display current-configuration',
  vrrp: 'display vrrp verbose',
  trunk: 'display eth-trunk',
  lldp: 'display lldp neighbor brief',
  vpn: 'display ip vpn-instance verbose',
} as const;

export const vrpGetters: GetterRecipes = {
  facts: {
    commands: [C.version, C.esn, C.sysname],
    build: ([v, e, s]) => mapVrpFacts(parseDisplayVersion(v ?? '', C.version), parseDisplayEsn(e ?? '', C.esn), parseSysname(s ?? '', C.sysname)),
  },
  // Descriptions come from the configuration, which every VRP release and the lab print.
  // `display interface description` (parseDisplayInterfaceDescription, tested on a real capture) is
  // lighter; switch to it once the lab implements it.
  interfaces: {
    commands: [C.brief, C.config],
    build: ([b, c]) => mapVrpInterfaces(parseDisplayInterfaceBrief(b ?? '', C.brief), parseConfigInterfaceDescriptions(c ?? '', C.config)),
  },
  vrrp: { commands: [C.vrrp], build: ([o]) => mapVrpVrrp(parseDisplayVrrp(o ?? '', C.vrrp)) },
  lags: { commands: [C.trunk], build: ([o]) => mapVrpLags(parseDisplayEthTrunkBlocks(o ?? '', C.trunk)) },
  lldpNeighbors: { commands: [C.lldp], build: ([o]) => mapVrpLldpNeighbors(parseDisplayLldpNeighborBrief(o ?? '', C.lldp)) },
  vpnInstances: { commands: [C.vpn], build: ([o]) => mapVrpVpnInstances(parseDisplayIpVpnInstanceVerbose(o ?? '', C.vpn)) },
};
