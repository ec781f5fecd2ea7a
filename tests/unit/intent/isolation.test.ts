import { describe, expect, it } from 'vitest';
import type { Topology } from '../../../src/model/index.js';
import { computeReachability, learnedBy } from '../../../src/intent/index.js';
import { isolationRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, lineOf, only, references, shown, validateVariant, variant } from './helpers.js';

describe('computeReachability', () => {
  it('derives who learns whose routes from route targets', () => {
    const r = computeReachability(variant());
    expect(r.edges).toEqual([
      { learner: 'dept-finance', source: 'exchange-vpn', routeTargets: ['65001:1000'] },
      { learner: 'dept-health', source: 'exchange-vpn', routeTargets: ['65001:1000'] },
      { learner: 'exchange-vpn', source: 'dept-finance', routeTargets: ['65001:101'] },
      { learner: 'exchange-vpn', source: 'dept-health', routeTargets: ['65001:102'] },
      { learner: 'internet', source: 'public-vpn', routeTargets: ['65001:2000'] },
      { learner: 'public-vpn', source: 'internet', routeTargets: ['65001:3000'] },
    ]);
    expect(r.instances.find((i) => i.name === 'dept-finance')).toEqual({ name: 'dept-finance', kind: 'department', zone: 'hosting', departments: ['finance'], index: 0 });
    expect(learnedBy(r, 'exchange-vpn')).toEqual(['dept-finance', 'dept-health']);
  });

  it('tolerates holes and junk', () => {
    expect(computeReachability({} as Topology)).toEqual({ instances: [], edges: [] });
    const junk = { vpnInstances: [undefined, null, 7, { name: 'a', importTargets: 'x' }, { name: 'b', exportTargets: [1, 'x'] }], departments: [null, { id: 3 }] };
    expect(computeReachability(junk as unknown as Topology).edges).toEqual([]);
  });
});

describe('rule isolation', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [isolationRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [isolationRule]), 'error'), name).toEqual([]);
  });

  it('reports a leak between departments introduced by ONE extra route-target import, and only that', () => {
    const t = variant((t) => { t.vpnInstances![0]!.importTargets.push('65001:102'); });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_ISOLATION_DEPARTMENT_LEAK']);
    expect(f[0]!.pointer).toBe('/vpnInstances/0/importTargets/2');
    expect(f[0]!.message).toBe("department 'finance' (VPN instance 'dept-finance') learns the routes of department 'health' (VPN instance 'dept-health') through route target 65001:102 (exported by 'dept-health', imported by 'dept-finance'): departments must be isolated from each other");
  });

  it('reports shared services a department may not reach, both ways', () => {
    const t = variant((t) => { delete t.departments![1]!.mayReach; });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_ISOLATION_UNAUTHORISED_SHARED', 'INTENT_ISOLATION_UNAUTHORISED_SHARED']);
    expect(f.map((x) => x.pointer).sort()).toEqual(['/vpnInstances/1/importTargets/1', '/vpnInstances/2/importTargets/2']);
  });

  it('warns when a permitted service is learned one way only', () => {
    const t = variant((t) => { t.vpnInstances![2]!.importTargets = ['65001:1000', '65001:101']; });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_ISOLATION_ASYMMETRIC']);
    expect(f[0]!.message).toContain('replies have no way back');
  });

  it('keeps the internet to the public instance, both ways', () => {
    const t = variant((t) => {
      t.vpnInstances![4]!.importTargets.push('65001:1000'); // internet learns the exchange
      t.vpnInstances![1]!.importTargets.push('65001:3000'); // health learns the internet
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_ISOLATION_INTERNET', 'INTENT_ISOLATION_INTERNET']);
    expect(f.map((x) => x.pointer).sort()).toEqual(['/vpnInstances/1/importTargets/2', '/vpnInstances/4/importTargets/1']);
  });

  it('reports two departments on one VPN instance, a department instance of the wrong kind, and mayReach of non-services', () => {
    const t = variant((t) => {
      t.departments![0]!.mayReach = ['exchange-vpn', 'dept-health', 'internet'];
      t.vpnInstances![1]!.kind = 'shared';
    });
    expect(codes(check(t, [isolationRule]))).toEqual(['INTENT_ISOLATION_DEPARTMENT_VPN_KIND', 'INTENT_ISOLATION_MAYREACH_INVALID']);
    const u = variant((t) => { t.departments![1]!.vpn = 'dept-finance'; });
    const f = check(u, [isolationRule]);
    expect(codes(f)).toEqual(['INTENT_ISOLATION_REMOTE_ACCESS', 'INTENT_ISOLATION_SHARED_VPN', 'INTENT_ISOLATION_VLAN_VPN', 'INTENT_ISOLATION_VLAN_VPN']);
    expect(only(f, 'INTENT_ISOLATION_SHARED_VPN').message).toBe("departments 'finance' and 'health' are both in VPN instance 'dept-finance': they are not isolated from each other");
  });

  it("reports a department VLAN routed outside the department's VPN, and a zone VLAN outside the zone's (warning)", () => {
    const t = variant((t) => {
      dev(t, 'agg-1').svis![0]!.vpn = 'dept-health';
      dev(t, 'core-2').svis![1]!.vpn = 'exchange-vpn';
    });
    const f = check(t, [isolationRule]);
    expect(codes(f)).toEqual(['INTENT_ISOLATION_VLAN_VPN', 'INTENT_ISOLATION_ZONE_VPN']);
    expect(only(f, 'INTENT_ISOLATION_ZONE_VPN').severity).toBe('warning');
    expect(only(f, 'INTENT_ISOLATION_VLAN_VPN').pointer).toBe('/devices/2/svis/0');
  });

  it("lands remote-access users only in their own department's VPN", () => {
    const t = variant((t) => { t.remoteAccess!.groups[0]!.vpn = 'dept-health'; });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_ISOLATION_REMOTE_ACCESS']);
    expect(f[0]!.pointer).toBe('/remoteAccess/groups/0/vpn');
  });

  it('checks firewall policy: internet only to public (error); remote access to hosting only when scoped (warning)', () => {
    const t = variant((t) => {
      dev(t, 'fw-1').firewall!.zones.push({ name: 'hosting', priority: 60, represents: 'hosting', interfaces: [] });
      // a remote-access zone of no department (the departments' own zones are rule `exposure`'s)
      dev(t, 'fw-1').firewall!.zones.push({ name: 'remote', priority: 12, represents: 'remote-access', interfaces: [] });
      t.policy!.push({ name: 'internet-to-trust', from: 'untrust', to: 'trust', action: 'permit' });
      t.policy!.push({ name: 'remote-anywhere', from: 'remote', to: 'hosting', action: 'permit' });
      t.policy!.push({ name: 'remote-too-wide', from: 'remote', to: 'hosting', action: 'permit', destination: ['10.0.0.0/8'] });
      t.policy!.push({ name: 'remote-scoped', from: 'remote', to: 'hosting', action: 'permit', destination: ['10.11.10.0/24', '10.12.0.0/16'] });
      t.policy!.push({ name: 'internet-denied', from: 'untrust', to: 'hosting', action: 'deny' });
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_ISOLATION_POLICY_INTERNET', 'INTENT_ISOLATION_POLICY_REMOTE_ACCESS', 'INTENT_ISOLATION_POLICY_REMOTE_ACCESS']);
    expect(f.filter((x) => x.code === 'INTENT_ISOLATION_POLICY_REMOTE_ACCESS').map((x) => x.pointer)).toEqual(['/policy/5', '/policy/6']);
  });

  it('reports the leak of the provincial reference variant with ONE extra import (and only that), at its file and line', () => {
    const { result, editedFile } = validateVariant('isolation-leak');
    expect(codes(result.findings)).toEqual(['INTENT_ISOLATION_DEPARTMENT_LEAK']);
    const [f] = result.findings;
    expect(f).toMatchObject({
      file: shown(editedFile),
      line: lineOf(editedFile, '"65000:101"]', 'name: dept-police'),
      path: 'vpnInstances[dept-police].importTargets[3]',
    });
    expect(f!.message).toContain("department 'police' (VPN instance 'dept-police') learns the routes of department 'finance' (VPN instance 'dept-finance') through route target 65000:101");
  });
});
