import { describe, expect, it } from 'vitest';
import { exposureRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, references, variant } from './helpers.js';

const fw = 'fw-1';

describe('rule exposure', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [exposureRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [exposureRule]), 'error'), name).toEqual([]);
  });

  it('reports a NAT server whose inside address is a department\'s, or not behind the public zone', () => {
    const t = variant((t) => {
      const f = dev(t, fw).firewall!;
      f.natServers!.push({ name: 'finance-app', protocol: 'tcp', globalAddress: '203.0.113.4', globalPort: 443, insideAddress: '10.11.10.20', insidePort: 443 });
      f.natServers!.push({ name: 'core-box', protocol: 'tcp', globalAddress: '203.0.113.5', globalPort: 22, insideAddress: '10.254.2.1', insidePort: 22 });
    });
    const f = check(t, [exposureRule]);
    expect(f.map((x) => [x.code, x.pointer])).toEqual([
      ['INTENT_ISOLATION_NAT_INSIDE', '/devices/6/firewall/natServers/2/insideAddress'],
      ['INTENT_ISOLATION_NAT_INSIDE', '/devices/6/firewall/natServers/3/insideAddress'],
    ]);
    expect(f[0]!.message).toContain("an address of department 'finance'");
    expect(f[1]!.message).toContain("in zone 'trust' (represents core): an inside address must lie in the public zone");
  });

  it('reports a department\'s interface in the DMZ or untrust zone, and a zone holding two departments', () => {
    const t = variant((t) => {
      const d = dev(t, fw);
      d.ports!.push({ name: 'GigabitEthernet1/0/4', mode: 'routed', address: '10.11.200.1/24', vpn: 'dept-finance' });
      d.ports!.push({ name: 'GigabitEthernet1/0/5', mode: 'routed', address: '10.12.200.1/24', vpn: 'dept-health' });
      d.ports!.push({ name: 'GigabitEthernet1/0/6', mode: 'routed', address: '10.12.201.1/24' }); // health's space, no VPN
      d.firewall!.zones[2]!.interfaces.push('GigabitEthernet1/0/4'); // dmz
      d.firewall!.zones.push({ name: 'depts', priority: 70, represents: 'hosting', interfaces: ['GigabitEthernet1/0/5', 'GigabitEthernet1/0/6'] });
      d.firewall!.zones[1]!.interfaces.push('GigabitEthernet1/0/6'); // untrust
    });
    // The zones now carry the departments: internet-to-public (untrust -> dmz) opens finance to health.
    const f = check(t, [exposureRule]);
    expect(codes(f)).toEqual(['INTENT_ISOLATION_POLICY_DEPARTMENTS', 'INTENT_ISOLATION_ZONE_MEMBER', 'INTENT_ISOLATION_ZONE_MEMBER']);
    expect(f.filter((x) => x.code === 'INTENT_ISOLATION_ZONE_MEMBER').map((x) => x.message)).toEqual([
      expect.stringContaining("GigabitEthernet1/0/6 (addressed 10.12.201.1/24, in the department's space) of department 'health' in zone 'untrust'"),
      expect.stringContaining("GigabitEthernet1/0/4 (bound to VPN instance 'dept-finance') of department 'finance' in zone 'dmz'"),
    ]);
    const mixed = variant((t) => {
      const d = dev(t, fw);
      d.ports!.push({ name: 'GigabitEthernet1/0/4', mode: 'routed', address: '10.11.200.1/24', vpn: 'dept-finance' });
      d.ports!.push({ name: 'GigabitEthernet1/0/5', mode: 'routed', address: '10.12.200.1/24', vpn: 'dept-health' });
      d.firewall!.zones.push({ name: 'depts', priority: 70, represents: 'hosting', interfaces: ['GigabitEthernet1/0/4', 'GigabitEthernet1/0/5'] });
    });
    const m = check(mixed, [exposureRule]);
    expect(codes(m)).toEqual(['INTENT_ISOLATION_ZONE_MIXED']);
    expect(m[0]!.message).toContain("holds departments 'finance'");
  });

  it('reports an interface of a non-public instance (management) behind the DMZ, which the internet reaches', () => {
    const t = variant((t) => {
      const d = dev(t, fw);
      d.ports!.push({ name: 'GigabitEthernet1/0/4', mode: 'routed', address: '10.90.9.1/24', vpn: 'mgmt-vpn' });
      d.firewall!.zones[2]!.interfaces.push('GigabitEthernet1/0/4');
    });
    const f = check(t, [exposureRule]);
    expect(f.map((x) => [x.code, x.pointer])).toEqual([['INTENT_ISOLATION_ZONE_MEMBER', '/devices/6/firewall/zones/2/interfaces/1']]);
    expect(f[0]!.message).toContain("bound to VPN instance 'mgmt-vpn', which is not the public zone's");
  });

  it('reports permits between two departments\' zones, from the internet into a department\'s space, and remote users beyond their department', () => {
    const t = variant((t) => {
      const d = dev(t, fw);
      d.ports!.push({ name: 'GigabitEthernet1/0/4', mode: 'routed', address: '10.11.200.1/24', vpn: 'dept-finance' });
      d.firewall!.zones.push({ name: 'finance', priority: 71, represents: 'hosting', department: 'finance', interfaces: ['GigabitEthernet1/0/4'] });
      t.policy!.push({ name: 'health-users-to-finance', from: 'ra-health', to: 'finance', action: 'permit' });
      t.policy!.push({ name: 'internet-to-finance-web', from: 'untrust', to: 'dmz', action: 'permit', destination: ['10.11.10.0/24'] });
      t.policy!.push({ name: 'finance-users-anywhere', from: 'ra-finance', to: 'trust', action: 'permit' });
      t.policy!.push({ name: 'finance-users-too-wide', from: 'ra-finance', to: 'trust', action: 'permit', destination: ['10.0.0.0/8'] });
      t.policy!.push({ name: 'finance-users-own', from: 'ra-finance', to: 'finance', action: 'permit', destination: ['10.11.0.0/16'] });
    });
    const f = check(t, [exposureRule]);
    expect(f.map((x) => [x.code, x.pointer])).toEqual([
      ['INTENT_ISOLATION_POLICY_DEPARTMENTS', '/policy/4'],
      ['INTENT_ISOLATION_POLICY_INTERNET_DEST', '/policy/5/destination/0'],
      ['INTENT_ISOLATION_POLICY_REMOTE_ACCESS_SCOPE', '/policy/6'],
      ['INTENT_ISOLATION_POLICY_REMOTE_ACCESS_SCOPE', '/policy/7'],
    ]);
  });

  it('reports remote users without IPsec or an address pool, and groups in a zone of another department or none', () => {
    const t = variant((t) => {
      delete t.remoteAccess!.preSharedKey;
      delete t.departments![1]!.remoteAccessPool;
      t.remoteAccess!.groups[0]!.zone = 'ra-health';
      delete t.remoteAccess!.groups[1]!.zone;
    });
    const f = check(t, [exposureRule]);
    expect(f.map((x) => [x.code, x.pointer])).toEqual([
      ['INTENT_REMOTE_ACCESS_INCOMPLETE', '/remoteAccess'],
      ['INTENT_ISOLATION_REMOTE_ACCESS_ZONE', '/remoteAccess/groups/0'],
      ['INTENT_REMOTE_ACCESS_INCOMPLETE', '/remoteAccess/groups/1'],
      ['INTENT_ISOLATION_REMOTE_ACCESS_ZONE', '/remoteAccess/groups/1'],
      ['INTENT_ISOLATION_ZONE_MIXED', '/devices/6/firewall/zones/4'], // ra-health now receives finance's users
    ]);
    expect(f[1]!.message).toBe("remote-access group 'finance-staff' of department 'finance' lands in zone 'ra-health' of department 'health'");
  });
});
