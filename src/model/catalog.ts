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
  /** MPLS LDP and BGP VPNv4 (a PE). Unconfirmed on RG-S8610/RG-S5750: VRF-lite only. */
  mplsL3vpn: boolean;
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
  mplsL3vpn: true, vrf: true, vrrp: true, lag: true, svi: true, firewall: false, qosMarking: true, maxLags: 64,
};
const RUIJIE_L3: Capabilities = { ...SWITCH_L3, mplsL3vpn: false };
const ACCESS_L2: Capabilities = {
  mplsL3vpn: false, vrf: false, vrrp: false, lag: true, svi: true, firewall: false, qosMarking: true, maxLags: 8,
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
    capabilities: SWITCH_L3, sysObjectId: '1.3.6.1.4.1.2011.2.23.140',
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
    capabilities: RUIJIE_L3, sysObjectId: '1.3.6.1.4.1.4881.1.1.10.1.44',
  },
  {
    model: 'RG-S5750-24GT/12SFP', vendor: 'ruijie', platform: 'ruijie-rgos',
    description: 'Ruijie RG-S5750-24GT/12SFP aggregation switch',
    ports: range('GigabitEthernet 0/', 1, 24, '1G'),
    capabilities: RUIJIE_L3, sysObjectId: '1.3.6.1.4.1.4881.1.1.10.1.41',
  },
  {
    model: 'USG2205BSR', vendor: 'huawei', platform: 'huawei-usg', description: 'Huawei USG2205BSR secure branch router',
    ports: range('GigabitEthernet0/0/', 0, 3, '1G'),
    capabilities: {
      mplsL3vpn: false, vrf: true, vrrp: true, lag: false, svi: false, firewall: true, policyStyle: 'interzone',
      qosMarking: false, maxLags: 0,
    },
  },
  {
    model: 'USG6000', vendor: 'huawei', platform: 'huawei-usg', description: 'Huawei USG6000-series firewall',
    ports: [...range('GigabitEthernet1/0/', 0, 11, '1G'), ...range('XGigabitEthernet1/0/', 12, 15, '10G')],
    capabilities: {
      mplsL3vpn: false, vrf: true, vrrp: true, lag: true, svi: true, firewall: true, policyStyle: 'security-policy',
      qosMarking: false, maxLags: 16,
    },
  },
];

const BY_NAME = new Map(MODELS.map((m) => [m.model, m]));

export function listDeviceModels(): readonly DeviceModel[] {
  return MODELS;
}

export function findDeviceModel(model: string): DeviceModel | undefined {
  return BY_NAME.get(model);
}
