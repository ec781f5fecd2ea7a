import { describe, expect, it } from 'vitest';
import { vrrpRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, lineOf, only, references, shown, validateVariant, variant } from './helpers.js';

describe('rule vrrp', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [vrrpRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [vrrpRule]), 'error'), name).toEqual([]);
  });

  it('reports a virtual IP outside a member subnet, on the member', () => {
    const t = variant((t) => { dev(t, 'agg-2').svis![0]!.addresses = ['10.11.11.3/24']; });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_VRRP_VIP_OUTSIDE_SUBNET']);
    expect(f[0]!.pointer).toBe('/vrrp/0/members/1');
    expect(f[0]!.message).toBe("VRRP group 'finance-gw': virtual IP 10.11.10.1 is outside agg-2's VLAN 10 subnet 10.11.11.0/24");
  });

  it('reports a virtual IP that is a real interface address, or that another group uses', () => {
    const t = variant((t) => {
      t.vrrp![0]!.virtualIp = '10.11.10.3';
      t.vrrp![1]!.virtualIp = '10.12.20.1';
      t.vrrp!.push({ name: 'health-gw-2', vrid: 21, virtualIp: '10.12.20.1', members: [{ device: 'agg-1', vlan: 20, priority: 110 }, { device: 'agg-2', vlan: 20, priority: 90 }] });
    });
    expect(codes(check(t))).toEqual(['INTENT_VRRP_VIP_DUPLICATE', 'INTENT_VRRP_VIP_IS_INTERFACE_ADDRESS']);
  });

  it('reports members in different VLANs, subnets and VPN instances, and without a VLAN interface', () => {
    const t = variant((t) => {
      t.vrrp![2]!.members[1]!.vlan = 900; // core-2 VLAN 900 is in mgmt-vpn, 10.90.0.0/24
      t.vrrp![0]!.members.push({ device: 'access-1', vlan: 10, priority: 90 });
      dev(t, 'agg-2').svis![1]!.addresses = ['10.12.20.3/23'];
    });
    const f = check(t, [vrrpRule]);
    expect(codes(f)).toEqual([
      'INTENT_VRRP_NO_SVI', 'INTENT_VRRP_SUBNET_MISMATCH', 'INTENT_VRRP_VIP_OUTSIDE_SUBNET', 'INTENT_VRRP_VLAN_MISMATCH', 'INTENT_VRRP_VPN_MISMATCH',
    ]);
    expect(only(f, 'INTENT_VRRP_NO_SVI').message).toBe("VRRP group 'finance-gw': access-1 has no VLAN 10 interface to run VRRP on");
    expect(only(f, 'INTENT_VRRP_SUBNET_MISMATCH').message).toBe("VRRP group 'health-gw': agg-1 has the gateway's subnet as 10.12.20.0/24 but agg-2 as 10.12.20.0/23");
  });

  it('reports a VRID used twice on one VLAN of a device, a duplicated member, a tie and a single member', () => {
    const t = variant((t) => {
      t.vrrp!.push({ name: 'finance-gw-2', vrid: 10, virtualIp: '10.11.10.254', members: [{ device: 'agg-1', vlan: 10, priority: 100 }] });
      t.vrrp![1]!.members[1]!.priority = 120;
      t.vrrp![2]!.members.push({ device: 'core-2', vlan: 100, priority: 90 });
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_VRRP_DUPLICATE_MEMBER', 'INTENT_VRRP_PRIORITY_TIE', 'INTENT_VRRP_SINGLE_MEMBER', 'INTENT_VRRP_VRID_REUSED']);
    expect(only(f, 'INTENT_VRRP_PRIORITY_TIE').severity).toBe('warning');
    expect(only(f, 'INTENT_VRRP_SINGLE_MEMBER').severity).toBe('warning');
    expect(only(f, 'INTENT_VRRP_VRID_REUSED').pointer).toBe('/vrrp/3/vrid');
  });

  it('reports tracked interfaces the device does not have, and tracking that never moves the master', () => {
    const t = variant((t) => {
      t.vrrp![0]!.members[0]!.track = [{ interface: 'XGigabitEthernet0/0/9', reduce: 30 }, { interface: 'lag:7', reduce: 30 }];
      t.vrrp![1]!.members[0]!.track = [{ interface: 'XGigabitEthernet0/0/1', reduce: 10 }, { interface: 'XGigabitEthernet0/0/2', reduce: 10 }];
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_VRRP_TRACK_INEFFECTIVE', 'INTENT_VRRP_TRACK_UNKNOWN', 'INTENT_VRRP_TRACK_UNKNOWN']);
    expect(only(f, 'INTENT_VRRP_TRACK_INEFFECTIVE').message).toContain("even with XGigabitEthernet0/0/1 and XGigabitEthernet0/0/2 down, agg-2's priority only drops from 120 to 100, not below agg-1's 100");
  });

  it('reports the virtual IP outside the subnet in the provincial reference variant, on both members, at their lines', () => {
    const { result, editedFile } = validateVariant('vrrp-vip-outside');
    expect(codes(result.findings)).toEqual(['INTENT_VRRP_VIP_OUTSIDE_SUBNET', 'INTENT_VRRP_VIP_OUTSIDE_SUBNET']);
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual([
      `${shown(editedFile)}:${lineOf(editedFile, '{ device: host-agg-1, vlan: 1101', 'name: gw-finance-system')}`,
      `${shown(editedFile)}:${lineOf(editedFile, '{ device: host-agg-2, vlan: 1101', 'name: gw-finance-system')}`,
    ]);
    expect(result.findings[0]!.message).toBe("VRRP group 'gw-finance-system': virtual IP 10.10.3.1 is outside host-agg-1's VLAN 1101 subnet 10.10.1.0/24");
  });
});

describe('rule vrrp: one gateway, one group', () => {
  it('reports one gateway split into two single-member groups as an error, not two warnings, and a virtual address they disagree on', () => {
    const t = variant((t) => {
      const [master, backup] = t.vrrp![0]!.members;
      t.vrrp![0]!.members = [master!];
      t.vrrp!.push({ name: 'finance-gw-b', vrid: 10, virtualIp: '10.11.10.254', members: [backup!] });
    });
    const f = check(t, [vrrpRule]);
    expect(codes(f)).toEqual(['INTENT_VRRP_GATEWAY_SPLIT', 'INTENT_VRRP_VIP_MISMATCH']);
    expect(only(f, 'INTENT_VRRP_GATEWAY_SPLIT')).toMatchObject({ severity: 'error', pointer: '/vrrp/3/vrid' });
    expect(only(f, 'INTENT_VRRP_VIP_MISMATCH').message).toContain('10.11.10.1 in \'finance-gw\', 10.11.10.254 in \'finance-gw-b\'');
  });

  it('reports a member that cannot route its VPN once master: no PE, no VRF-lite route to one', () => {
    const t = variant((t) => {
      const backup = dev(t, 'agg-2');
      backup.mpls = false;
      for (const p of backup.ports ?? []) delete p.mpls;
      t.network.routing!.bgpSpeakers = ['core-1', 'core-2', 'agg-1'];
      delete backup.ospf;
    });
    const f = check(t, [vrrpRule]);
    expect(f.filter((x) => x.code === 'INTENT_VRRP_MEMBER_CANNOT_ROUTE').map((x) => x.pointer)).toEqual(['/vrrp/0/members/1/device', '/vrrp/1/members/0/device']);
    // A VRF-lite uplink to a PE in the VPN is what a non-PE member needs.
    const uplinked = variant((t) => {
      const backup = dev(t, 'agg-2');
      backup.mpls = false;
      for (const p of backup.ports ?? []) delete p.mpls;
      t.network.routing!.bgpSpeakers = ['core-1', 'core-2', 'agg-1'];
      delete backup.ospf;
      backup.staticRoutes = [
        { prefix: '0.0.0.0/0', nextHop: '10.11.10.2', vpn: 'dept-finance' },
        { prefix: '0.0.0.0/0', nextHop: '10.12.20.2', vpn: 'dept-health' },
      ];
    });
    expect(codes(check(uplinked, [vrrpRule]))).toEqual([]);
  });
});
