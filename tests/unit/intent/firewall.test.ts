import { describe, expect, it } from 'vitest';
import { firewallRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, only, references, variant } from './helpers.js';
import type { Topology } from '../../../src/model/index.js';

describe('rule firewall', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [firewallRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [firewallRule]), 'error'), name).toEqual([]);
  });

  it('reports a zone priority used twice, an interface in two zones and a NAT server global address/port published twice', () => {
    const t = variant((t) => {
      const fw = dev(t, 'fw-1').firewall!;
      fw.zones[3]!.priority = 50;
      fw.zones[2]!.interfaces.push('GigabitEthernet1/0/0');
      fw.natServers!.push({ name: 'web-2', protocol: 'tcp', globalAddress: '203.0.113.3', globalPort: 443, insideAddress: '10.200.0.12', insidePort: 443 });
      fw.natServers!.push({ name: 'web-alt', protocol: 'tcp', globalAddress: '203.0.113.3', globalPort: 8443, insideAddress: '10.200.0.12', insidePort: 443 });
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_FIREWALL_INTERFACE_IN_TWO_ZONES', 'INTENT_FIREWALL_NAT_GLOBAL_DUPLICATE', 'INTENT_FIREWALL_ZONE_PRIORITY_REUSED']);
    expect(f.map((x) => x.pointer).sort()).toEqual([
      '/devices/6/firewall/natServers/2/globalAddress', '/devices/6/firewall/zones/2/interfaces/1', '/devices/6/firewall/zones/3/priority',
    ]);
    expect(f.find((x) => x.code === 'INTENT_FIREWALL_NAT_GLOBAL_DUPLICATE')!.message)
      .toBe("firewall 'fw-1': NAT servers 'web' and 'web-2' both publish 203.0.113.3 tcp/443; one global address and port can lead to one inside server");
  });
});

/** A second firewall like fw-1 (its ports on other addresses), for the pair tests. */
function withSecondFirewall(t: Topology): void {
  const fw2 = structuredClone(dev(t, 'fw-1'));
  fw2.name = 'fw-2';
  fw2.management = { address: '192.168.0.32' };
  fw2.ports = fw2.ports!.map((p, i) => ({ ...p, address: `10.254.9.${i * 4 + 1}/30` }));
  fw2.ports.push({ name: 'GigabitEthernet1/0/10', mode: 'routed', address: '10.254.8.2/30' });
  dev(t, 'fw-1').ports!.push({ name: 'GigabitEthernet1/0/10', mode: 'routed', address: '10.254.8.1/30' });
  t.devices.push(fw2);
}

describe('rule firewall: pairs and source NAT', () => {
  it('reports two firewalls publishing one NAT address without hot standby between them', () => {
    const t = variant(withSecondFirewall);
    const f = check(t, [firewallRule]);
    expect(codes(f)).toEqual(['INTENT_FIREWALL_PAIR_NO_HA']);
    expect(f[0]!.message).toContain("firewalls 'fw-1' and 'fw-2' both use public address 203.0.113.3");
    const paired = variant((t) => {
      withSecondFirewall(t);
      dev(t, 'fw-1').firewall!.hrp = { peer: 'fw-2', interface: 'GigabitEthernet1/0/10', role: 'active' };
      dev(t, 'fw-2').firewall!.hrp = { peer: 'fw-1', interface: 'GigabitEthernet1/0/10', role: 'standby' };
    });
    expect(codes(check(paired, [firewallRule]))).toEqual([]);
  });

  it('reports hot standby that cannot work: one-sided, same role, heartbeat on no shared subnet', () => {
    const t = variant((t) => {
      withSecondFirewall(t);
      dev(t, 'fw-1').firewall!.hrp = { peer: 'fw-2', interface: 'GigabitEthernet1/0/10', role: 'active' };
      dev(t, 'fw-2').firewall!.hrp = { peer: 'fw-1', interface: 'GigabitEthernet1/0/2', role: 'active' };
    });
    const f = check(t, [firewallRule]).filter((x) => x.code === 'INTENT_FIREWALL_HRP');
    expect(f.map((x) => x.message)).toEqual([
      "firewalls 'fw-1' and 'fw-2' are both hot-standby active: one must be active, the other standby",
      expect.stringContaining('share no subnet'),
      "firewalls 'fw-2' and 'fw-1' are both hot-standby active: one must be active, the other standby",
      expect.stringContaining('share no subnet'),
    ]);
    const oneSided = variant((t) => { dev(t, 'fw-1').firewall!.hrp = { peer: 'core-1', interface: 'GigabitEthernet1/0/0', role: 'active' }; });
    expect(check(oneSided, [firewallRule]).map((x) => x.message)).toEqual(["firewall 'fw-1' names 'core-1' as its hot-standby peer, which is no firewall of the topology"]);
  });

  it('reports an outbound permit to the internet with no source NAT for that zone pair, and source NAT naming unknown zones', () => {
    const t = variant((t) => {
      t.policy!.push({ name: 'out', from: 'trust', to: 'untrust', action: 'permit' });
      dev(t, 'fw-1').firewall!.sourceNat = [{ name: 'dmz-out', from: 'dmz', to: 'nowhere' }];
    });
    const f = check(t, [firewallRule]);
    expect(codes(f)).toEqual(['INTENT_FIREWALL_NO_SOURCE_NAT', 'INTENT_FIREWALL_SOURCE_NAT']);
    expect(only(f, 'INTENT_FIREWALL_NO_SOURCE_NAT').pointer).toBe('/policy/4');
    const natted = variant((t) => {
      t.policy!.push({ name: 'out', from: 'trust', to: 'untrust', action: 'permit' });
      dev(t, 'fw-1').firewall!.sourceNat = [{ name: 'trust-out', from: 'trust', to: 'untrust' }];
    });
    expect(codes(check(natted, [firewallRule]))).toEqual([]);
  });
});
