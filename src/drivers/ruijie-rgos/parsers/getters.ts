/** The getter recipes of an RGOS device: commands to send and how to build the uniform shapes. */
import type { GetterRecipes } from '../../types.js';
import { mapRgosFacts, parseHostname, parseShowVersion } from './show-version.js';
import { mapRgosInterfaces, parseShowInterfaces, parseShowInterfacesStatus } from './show-interfaces.js';
import { mapRgosVrrpBrief, parseShowVrrpBrief } from './show-vrrp.js';
import { mapRgosLags, parseLacpPortGroups, parseShowAggregatePortSummary, rgosLagMembership } from './show-aggregateport.js';
import { mapRgosLldpNeighbors, parseShowLldpNeighbors } from './show-lldp.js';
import { mapRgosVpnInstances, parseRgosVrfConfig, parseShowIpVrf } from './show-ip-vrf.js';

const C = {
  version: 'show version',
  hostname: 'show running-config | include hostname',
  status: 'show interfaces status',
  detail: 'show interfaces',
  ap: 'show aggregatePort summary',
  portGroups: 'show running-config | include port-group',
  vrrp: 'show vrrp brief',
  lldp: 'show lldp neighbors',
  vrf: 'show ip vrf',
  config: 'show running-config',
} as const;

export const ruijieRgosGetters: GetterRecipes = {
  facts: {
    commands: [C.version, C.hostname],
    build: ([v, h]) => mapRgosFacts(parseShowVersion(v ?? '', C.version), parseHostname(h ?? '', C.hostname)),
  },
  interfaces: {
    commands: [C.status, C.detail, C.ap],
    build: ([s, d, a]) => mapRgosInterfaces(
      parseShowInterfacesStatus(s ?? '', C.status),
      parseShowInterfaces(d ?? '', C.detail),
      rgosLagMembership(parseShowAggregatePortSummary(a ?? '', C.ap)),
    ),
  },
  vrrp: { commands: [C.vrrp], build: ([o]) => mapRgosVrrpBrief(parseShowVrrpBrief(o ?? '', C.vrrp)) },
  lags: {
    commands: [C.ap, C.status, C.portGroups],
    build: ([a, s, p]) => mapRgosLags(parseShowAggregatePortSummary(a ?? '', C.ap), parseShowInterfacesStatus(s ?? '', C.status), parseLacpPortGroups(p ?? '', C.portGroups)),
  },
  lldpNeighbors: { commands: [C.lldp], build: ([o]) => mapRgosLldpNeighbors(parseShowLldpNeighbors(o ?? '', C.lldp)) },
  vpnInstances: {
    commands: [C.vrf, C.config],
    build: ([v, c]) => mapRgosVpnInstances(parseShowIpVrf(v ?? '', C.vrf), parseRgosVrfConfig(c ?? '', C.config)),
  },
};
