import { describe, expect, it } from 'vitest';
import { duplicatesRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, only, references, variant } from './helpers.js';

describe('rule duplicates', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [duplicatesRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [duplicatesRule]), 'error'), name).toEqual([]);
  });

  it('reports a device declared twice, and its management address', () => {
    const t = variant((t) => { t.devices.push(structuredClone(dev(t, 'access-1'))); });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_DUPLICATE_DEVICE', 'INTENT_DUPLICATE_MANAGEMENT_ADDRESS']);
    expect(only(f, 'INTENT_DUPLICATE_DEVICE').pointer).toBe(`/devices/${t.devices.length - 1}/name`);
    expect(only(f, 'INTENT_DUPLICATE_MANAGEMENT_ADDRESS').message).toContain("device 'access-1'");
  });

  it('reports two devices managed at one address', () => {
    const t = variant((t) => { dev(t, 'access-2').management.address = '192.168.0.21'; });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_DUPLICATE_MANAGEMENT_ADDRESS']);
    expect(f[0]!.message).toMatch(/192\.168\.0\.21 of device 'access-2' is already the management address of device 'access-1'/);
  });

  it('reports duplicates in every section, each at the later element', () => {
    const t = variant((t) => {
      t.sites!.push({ id: 'dc-a', name: 'again' });
      t.zones.push({ id: 'core', name: 'again' });
      t.credentials!.push({ id: 'netops', username: 'x', password: 'env:X' });
      t.vlans!.push({ id: 10, name: 'finance-hosts' });
      t.qosProfiles!.push({ name: 'hosts' });
      t.vpnInstances!.push({ ...t.vpnInstances![5]!, rd: '65001:4001' });
      t.departments!.push({ ...t.departments![0]!, vpn: 'dept-finance', pools: ['10.13.0.0/16'] });
      t.vrrp!.push({ ...t.vrrp![0]!, vrid: 11, members: [] });
      t.policy!.push({ ...t.policy![0]! });
    });
    const f = check(t, [duplicatesRule]);
    expect(codes(f)).toEqual([
      'INTENT_DUPLICATE_CREDENTIAL', 'INTENT_DUPLICATE_DEPARTMENT', 'INTENT_DUPLICATE_POLICY_RULE', 'INTENT_DUPLICATE_QOS_PROFILE',
      'INTENT_DUPLICATE_SITE', 'INTENT_DUPLICATE_VLAN', 'INTENT_DUPLICATE_VPN_INSTANCE', 'INTENT_DUPLICATE_VRRP_GROUP', 'INTENT_DUPLICATE_ZONE',
    ]);
    expect(only(f, 'INTENT_DUPLICATE_VLAN').pointer).toBe(`/vlans/${t.vlans!.length - 1}/id`);
    expect(only(f, 'INTENT_DUPLICATE_VPN_INSTANCE').message).toContain("VPN instance 'mgmt-vpn' is declared twice (first as vpnInstances #6)");
  });

  it('warns about one VLAN name on two ids', () => {
    const t = variant((t) => { t.vlans!.push({ id: 30, name: 'finance-hosts' }); });
    expect(codes(check(t))).toEqual(['INTENT_DUPLICATE_VLAN_NAME']);
  });

  it('reports per-device duplicates: ports, LAGs, VLAN interfaces, extra ports, zones, NAT servers, routes, groups', () => {
    const t = variant((t) => {
      const core = dev(t, 'core-1');
      core.ports!.push({ name: 'GigabitEthernet1/0/10', description: 'again' });
      core.lags!.push({ id: 1, mode: 'lacp', members: ['XGigabitEthernet3/0/9'] });
      core.svis!.push({ vlan: 900, addresses: [] as unknown as string[] });
      core.extraPorts = [{ name: 'XGigabitEthernet3/0/0', speed: '10G' }, { name: 'XGigabitEthernet4/0/0', speed: '10G' }, { name: 'XGigabitEthernet4/0/0', speed: '10G' }];
      const fw = dev(t, 'fw-1');
      fw.firewall!.zones.push({ name: 'dmz', priority: 51, represents: 'public', interfaces: [] });
      fw.firewall!.natServers!.push({ name: 'web', protocol: 'tcp', globalAddress: '203.0.113.4', globalPort: 80, insideAddress: '10.200.0.10', insidePort: 80 });
      fw.staticRoutes!.push({ ...fw.staticRoutes![0]! });
      t.remoteAccess!.groups.push({ name: 'finance-staff', department: 'finance', vpn: 'dept-finance' });
    });
    const f = check(t, [duplicatesRule]);
    expect(codes(f)).toEqual([
      'INTENT_DUPLICATE_EXTRA_PORT', 'INTENT_DUPLICATE_EXTRA_PORT', 'INTENT_DUPLICATE_LAG', 'INTENT_DUPLICATE_NAT_SERVER', 'INTENT_DUPLICATE_PORT',
      'INTENT_DUPLICATE_REMOTE_ACCESS_GROUP', 'INTENT_DUPLICATE_SECURITY_ZONE', 'INTENT_DUPLICATE_STATIC_ROUTE', 'INTENT_DUPLICATE_SVI',
    ]);
    expect(only(f, 'INTENT_DUPLICATE_PORT').pointer).toBe('/devices/0/ports/4/name');
    expect(only(f, 'INTENT_DUPLICATE_STATIC_ROUTE').severity).toBe('warning');
  });
});
