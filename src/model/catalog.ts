/**
 * The device models dcnet knows: vendor, platform, standard port inventory and capabilities.
 * Port names are the names the device itself prints (Huawei `GigabitEthernet0/0/1`,
 * Ruijie `GigabitEthernet 0/1` with a space), so that links, renderers and parsers agree.
 */
import type { Platform, Speed, Vendor } from './schema.js';

export interface CatalogPort {
  name: string;
  speed: Speed;
}

export interface Capabilities {
  /**
   * MPLS LDP and BGP VPNv4 (a PE). Unconfirmed on RG-S8610/RG-S5750 (VRF-lite only) and absent on
   * the S5700-EI (docs/devices/huawei-vrp.md, "Which S5700 run MPLS").
   */
  mplsL3vpn: boolean;
  /** OSPF in the global routing table (the IGP of the core). */
  ospf: boolean;
  /** VPN instances / VRFs on interfaces (VRF-lite). */
  vrf: boolean;
  vrrp: boolean;
  lag: boolean;
  /** Layer-3 VLAN interfaces. */
  svi: boolean;
  /** Security zones, inter-zone policy, NAT server. */
  firewall: boolean;
  /** Which firewall policy generation the box runs. */
  policyStyle?: 'interzone' | 'security-policy';
  qosMarking: boolean;
  maxLags: number;
}

export interface DeviceModel {
  model: string;
  vendor: Vendor;
  platform: Platform;
  description: string;
  ports: CatalogPort[];
  capabilities: Capabilities;
  /** SNMP sysObjectID where known (reference/snmp.md). */
  sysObjectId?: string;
}

function range(prefix: string, from: number, to: number, speed: Speed): CatalogPort[] {
  const out: CatalogPort[] = [];
  for (let i = from; i <= to; i++) out.push({ name: `${prefix}${i}`, speed });
  return out;
}

const SWITCH_L3: Capabilities = {
  mplsL3vpn: true, ospf: true, vrf: true, vrrp: true, lag: true, svi: true, firewall: false, qosMarking: true, maxLags: 64,
};
/** VRF-lite (MCE) without MPLS: the S5700-EI and the Ruijie switches. */
const VRF_LITE_L3: Capabilities = { ...SWITCH_L3, mplsL3vpn: false };
const ACCESS_L2: Capabilities = {
  mplsL3vpn: false, ospf: false, vrf: false, vrrp: false, lag: true, svi: true, firewall: false, qosMarking: true, maxLags: 8,
};

const MODELS: DeviceModel[] = [
  {
    model: 'S9312', vendor: 'huawei', platform: 'huawei-vrp', description: 'Huawei S9312 chassis core switch',
    ports: [...range('GigabitEthernet1/0/', 0, 47, '1G'), ...range('GigabitEthernet2/0/', 0, 47, '1G'),
      ...range('XGigabitEthernet3/0/', 0, 11, '10G')],
    capabilities: SWITCH_L3, sysObjectId: '1.3.6.1.4.1.2011.2.170.3',
  },
  {
    model: 'S9303', vendor: 'huawei', platform: 'huawei-vrp', description: 'Huawei S9303 chassis switch',
    ports: [...range('GigabitEthernet1/0/', 0, 23, '1G'), ...range('XGigabitEthernet2/0/', 0, 3, '10G')],
    capabilities: SWITCH_L3, sysObjectId: '1.3.6.1.4.1.2011.2.170.1',
  },
  {
    model: 'S5700-28C-EI', vendor: 'huawei', platform: 'huawei-vrp', description: 'Huawei S5700-28C-EI switch',
    ports: [...range('GigabitEthernet0/0/', 1, 24, '1G'), ...range('XGigabitEthernet0/0/', 1, 2, '10G')],
    capabilities: VRF_LITE_L3, sysObjectId: '1.3.6.1.4.1.2011.2.23.140',
  },
  {
    model: 'S5710-28C-EI', vendor: 'huawei', platform: 'huawei-vrp', description: 'Huawei S5710-28C-EI switch (MPLS-capable S5700 family member)',
    ports: [...range('GigabitEthernet0/0/', 1, 24, '1G'), ...range('XGigabitEthernet0/0/', 1, 4, '10G')],
    capabilities: SWITCH_L3,
  },
  {
    model: 'S2700-26TP-SI', vendor: 'huawei', platform: 'huawei-vrp', description: 'Huawei S2700-26TP-SI access switch',
    ports: [...range('Ethernet0/0/', 1, 24, '100M'), ...range('GigabitEthernet0/0/', 1, 2, '1G')],
    capabilities: ACCESS_L2, sysObjectId: '1.3.6.1.4.1.2011.2.23.117',
  },
  {
    model: 'RG-S8610', vendor: 'ruijie', platform: 'ruijie-rgos', description: 'Ruijie RG-S8610 chassis core switch',
    ports: [...range('GigabitEthernet 1/', 1, 24, '1G'), ...range('GigabitEthernet 2/', 1, 24, '1G'),
      ...range('TenGigabitEthernet 3/', 1, 4, '10G')],
    capabilities: VRF_LITE_L3, sysObjectId: '1.3.6.1.4.1.4881.1.1.10.1.44',
  },
  {
    model: 'RG-S5750-24GT/12SFP', vendor: 'ruijie', platform: 'ruijie-rgos',
    description: 'Ruijie RG-S5750-24GT/12SFP aggregation switch',
    ports: range('GigabitEthernet 0/', 1, 24, '1G'),
    capabilities: VRF_LITE_L3, sysObjectId: '1.3.6.1.4.1.4881.1.1.10.1.41',
  },
  {
    model: 'USG2205BSR', vendor: 'huawei', platform: 'huawei-usg', description: 'Huawei USG2205BSR secure branch router',
    ports: range('GigabitEthernet0/0/', 0, 3, '1G'),
    capabilities: {
      mplsL3vpn: false, ospf: false, vrf: true, vrrp: true, lag: false, svi: false, firewall: true, policyStyle: 'interzone',
      qosMarking: false, maxLags: 0,
    },
  },
  {
    model: 'USG6000', vendor: 'huawei', platform: 'huawei-usg', description: 'Huawei USG6000-series firewall',
    ports: [...range('GigabitEthernet1/0/', 0, 11, '1G'), ...range('XGigabitEthernet1/0/', 12, 15, '10G')],
    capabilities: {
      mplsL3vpn: false, ospf: false, vrf: true, vrrp: true, lag: true, svi: true, firewall: true, policyStyle: 'security-policy',
      qosMarking: false, maxLags: 16,
    },
  },
];

const BY_NAME = new Map(MODELS.map((m) => [m.model, m]));

/**
 * What a platform's configuration can hold as text: name lengths and whether descriptions may carry
 * characters beyond ASCII. Evidence and what is unverified: docs/devices/<platform>.md ("Text limits").
 * Text a platform cannot hold as it is is rendered in an ASCII-safe form (docs/topology.md).
 */
export interface TextLimits {
  /** VPN instance / VRF names. */
  vpnName: number;
  /** Interface, VPN-instance and VLAN descriptions (the shortest of them on the platform). */
  description: number;
  /** Local (administrator) user names. */
  userName: number;
  /** Security zone, policy rule and NAT object names (firewalls). */
  objectName: number;
  /** Descriptions may hold non-ASCII text (Chinese department names) as they are. */
  nonAscii: boolean;
}

const TEXT_LIMITS: Record<Platform, TextLimits> = {
  'huawei-vrp': { vpnName: 31, description: 242, userName: 64, objectName: 31, nonAscii: false },
  'ruijie-rgos': { vpnName: 31, description: 80, userName: 32, objectName: 31, nonAscii: false },
  'huawei-usg': { vpnName: 31, description: 127, userName: 64, objectName: 32, nonAscii: true },
};

/**
 * Route preferences (administrative distances) by protocol, as each platform has them by default
 * (lower wins). Evidence: docs/devices/<platform>.md ("Route preferences").
 */
export interface RoutePreferences {
  static: number;
  ospf: number;
  ospfExternal: number;
  ibgp: number;
  ebgp: number;
}

const ROUTE_PREFERENCES: Record<Platform, RoutePreferences> = {
  'huawei-vrp': { static: 60, ospf: 10, ospfExternal: 150, ibgp: 255, ebgp: 255 },
  'huawei-usg': { static: 60, ospf: 10, ospfExternal: 150, ibgp: 255, ebgp: 255 },
  'ruijie-rgos': { static: 1, ospf: 110, ospfExternal: 110, ibgp: 200, ebgp: 20 },
};

export function routePreferencesOf(platform: Platform): RoutePreferences | undefined {
  return ROUTE_PREFERENCES[platform];
}

/**
 * The BGP preference dcnet gives internal (VPNv4-learned) routes in a VPN instance that holds floating
 * static routes, on platforms whose default (255) no static route can lose to: a floating static then
 * needs a preference above this (and at most 255) to float. Rendered by the VRP renderer.
 */
export const FLOATING_IBGP_PREFERENCE = 200;

export function textLimitsOf(platform: Platform): TextLimits | undefined {
  return TEXT_LIMITS[platform];
}

export function listDeviceModels(): readonly DeviceModel[] {
  return MODELS;
}

export function findDeviceModel(model: string): DeviceModel | undefined {
  return BY_NAME.get(model);
}
