/**
 * A large, valid topology for benchmarks: a core pair, pods of two aggregation switches with
 * dual-homed access switches, one VPN instance per department, VLANs with /24s and VRRP gateways
 * on each pod's aggregation pair. Deterministic for a given size.
 */
import type { Device, Link, Topology, VrrpGroup } from '../../src/model/index.js';

export interface GenerateOptions {
  devices: number;
  departments: number;
  vlansPerDepartment: number;
}

export const BENCH_SIZE: GenerateOptions = { devices: 2000, departments: 200, vlansPerDepartment: 20 };

/**
 * The generator builds a core pair plus whole pods of 20 (2 aggregation, 18 access), so `devices: n`
 * gives 2 + 20 * floor((n - 2) / 20) (1,982 for 2,000). The smallest size that reaches `n` devices
 * (1,002 for 1,000).
 */
export function sizeReaching(n: number): number {
  return 2 + Math.ceil((n - 2) / 20) * 20;
}

export function generateTopology(opts: GenerateOptions = BENCH_SIZE): Topology {
  const { departments: nd, vlansPerDepartment: vpd } = opts;
  const podSize = 20; // 2 aggregation + 18 access
  const pods = Math.max(1, Math.floor((opts.devices - 2) / podSize));
  const devices: Device[] = [];
  const links: Link[] = [];
  const vrrp: VrrpGroup[] = [];
  const mgmt = (n: number) => `10.250.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  let mgmtN = 0;

  // Core pair; extra line cards so that every aggregation switch can reach both.
  const coreExtra = [] as { name: string; speed: '10G' }[];
  for (let slot = 4; slot <= 12; slot++) for (let p = 0; p < 48; p++) coreExtra.push({ name: `XGigabitEthernet${slot}/0/${p}`, speed: '10G' });
  for (const n of [1, 2]) {
    devices.push({
      name: `core-${n}`, vendor: 'huawei', platform: 'huawei-vrp', model: 'S9312', layer: 'core', zone: 'core',
      management: { address: mgmt(mgmtN++) }, credentials: 'bench', loopback: `10.0.0.${n}`, mpls: true,
      extraPorts: coreExtra, ports: [], vlans: [],
    });
  }
  const corePortIdx = [0, 0];
  const coreDevice = (i: number) => devices[i]!;

  // VLANs: department d owns vlans d*vpd+1 .. d*vpd+vpd, each with 10.<d>.<j>.0/24 in its VPN.
  const vlans = [] as Topology['vlans'] & object;
  const vpnInstances = [] as Topology['vpnInstances'] & object;
  const departments = [] as Topology['departments'] & object;
  vpnInstances.push({ name: 'shared', kind: 'shared', zone: 'exchange', rd: '65000:9', importTargets: ['65000:9'], exportTargets: ['65000:9'] });
  for (let d = 0; d < nd; d++) {
    const rt = `65000:${1000 + d}`;
    vpnInstances.push({ name: `dept-${d}`, kind: 'department', rd: rt, importTargets: [rt, '65000:9'], exportTargets: [rt] });
    vpnInstances[0]!.importTargets.push(rt);
    departments.push({
      id: `dept-${d}`, name: `Department ${d}`, vpn: `dept-${d}`, pools: [`10.${d}.0.0/16`],
      quotas: { slots: 10, vlans: vpd, addresses: 4096 }, mayReach: ['shared'],
    });
    for (let j = 0; j < vpd; j++) vlans.push({ id: d * vpd + j + 1, name: `d${d}-v${j}`, department: `dept-${d}`, zone: 'hosting' });
  }

  for (let p = 0; p < pods; p++) {
    const aggs: Device[] = [];
    for (const side of [1, 2]) {
      const agg: Device = {
        name: `pod${p}-agg-${side}`, vendor: 'huawei', platform: 'huawei-vrp', model: 'S9303', layer: 'aggregation', zone: 'hosting',
        management: { address: mgmt(mgmtN++) }, credentials: 'bench', ports: [], svis: [], vlans: [],
      };
      aggs.push(agg);
      devices.push(agg);
    }
    // Uplinks: each aggregation switch to both cores on 10G.
    const corePorts: { allowedVlans?: number[] }[] = [];
    aggs.forEach((agg) => {
      [0, 1].forEach((c) => {
        const cp = coreExtra[corePortIdx[c]!++]!.name;
        const ap = `XGigabitEthernet2/0/${c}`;
        links.push({ a: { device: agg.name, port: ap }, b: { device: coreDevice(c).name, port: cp }, speed: '10G' });
        agg.ports!.push({ name: ap, mode: 'trunk', allowedVlans: [] });
        const corePort = { name: cp, mode: 'trunk' as const, allowedVlans: [] as number[] };
        coreDevice(c).ports!.push(corePort);
        corePorts.push(corePort);
      });
    });
    // Departments hosted in this pod, their VLANs on both aggregation switches with VRRP.
    const hosted = [] as number[];
    for (let d = p; d < nd; d += pods) hosted.push(d);
    const podVlans: number[] = [];
    for (const d of hosted) {
      for (let j = 0; j < vpd; j++) {
        const vlan = d * vpd + j + 1;
        podVlans.push(vlan);
        aggs.forEach((agg, ai) => agg.svis!.push({ vlan, addresses: [`10.${d}.${j}.${2 + ai}/24`], vpn: `dept-${d}` }));
        vrrp.push({
          name: `gw-${vlan}`, vrid: (j % 255) + 1, virtualIp: `10.${d}.${j}.1`, preemptDelay: 20,
          members: aggs.map((agg, ai) => ({ device: agg.name, vlan, priority: ai === 0 ? 120 : 100 })),
        });
      }
    }
    for (const port of corePorts) port.allowedVlans = [...podVlans];
    for (const agg of aggs) {
      agg.vlans = [...podVlans];
      for (const port of agg.ports!) port.allowedVlans = [...podVlans];
    }
    // Access switches, each dual-homed to both aggregation switches.
    for (let a = 0; a < podSize - 2; a++) {
      const acc: Device = {
        name: `pod${p}-acc-${a + 1}`, vendor: 'huawei', platform: 'huawei-vrp', model: 'S2700-26TP-SI', layer: 'access', zone: 'hosting',
        management: { address: mgmt(mgmtN++) }, credentials: 'bench', ports: [], vlans: podVlans.slice(0, 4),
      };
      devices.push(acc);
      aggs.forEach((agg, ai) => {
        const up = `GigabitEthernet0/0/${ai + 1}`;
        const down = `GigabitEthernet1/0/${a}`;
        links.push({ a: { device: acc.name, port: up }, b: { device: agg.name, port: down }, speed: '1G' });
        acc.ports!.push({ name: up, mode: 'trunk', allowedVlans: podVlans.slice(0, 4) });
        agg.ports!.push({ name: down, mode: 'trunk', allowedVlans: podVlans.slice(0, 4) });
      });
      podVlans.slice(0, 4).forEach((v, i) => acc.ports!.push({ name: `Ethernet0/0/${i + 1}`, mode: 'access', vlan: v, qos: 'default' }));
    }
  }
  const allVlans = vlans.map((v) => v.id);
  for (const c of [0, 1]) coreDevice(c).vlans = allVlans;
  // The peer link between the cores.
  links.push({ a: { device: 'core-1', port: 'XGigabitEthernet3/0/0' }, b: { device: 'core-2', port: 'XGigabitEthernet3/0/0' }, speed: '10G' });

  return {
    network: { name: 'bench', kind: 'data-centre', routing: { asn: 65000, bgpSpeakers: ['core-1', 'core-2'] } },
    zones: [
      { id: 'core', name: 'Core' }, { id: 'exchange', name: 'Exchange', vpn: 'shared' }, { id: 'public', name: 'Public' },
      { id: 'hosting', name: 'Hosting' }, { id: 'management', name: 'Management' }, { id: 'egress', name: 'Egress' },
    ],
    credentials: [{ id: 'bench', username: 'dcnet', password: 'env:DCNET_BENCH_PASSWORD' }],
    qosProfiles: [{ name: 'default', trust: 'dscp' }],
    vlans, vpnInstances, departments, devices, links, vrrp,
  };
}
