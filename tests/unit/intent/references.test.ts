import { describe, expect, it } from 'vitest';
import { buildContext, runRules } from '../../../src/intent/index.js';
import { referencesRule } from '../../../src/intent/rules/index.js';
import { added, check, codes, dev, lineOf, only, references, shown, validateVariant, variant } from './helpers.js';

describe('rule references', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [referencesRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [referencesRule]), 'error'), name).toEqual([]);
  });

  it('reports unknown site, zone, credentials and model, and a vendor/platform the catalogue contradicts', () => {
    const t = variant((t) => {
      t.zones = t.zones.filter((z) => z.id !== 'egress');
      const fw = dev(t, 'fw-1');
      fw.site = 'dc-b';
      fw.credentials = 'nobody';
      const a1 = dev(t, 'access-1');
      a1.vendor = 'ruijie';
      a1.platform = 'ruijie-rgos';
      dev(t, 'access-2').model = 'RG-S2910';
    });
    const f = check(t, [referencesRule]);
    expect(codes(f)).toEqual([
      'INTENT_MODEL_MISMATCH', 'INTENT_MODEL_MISMATCH', 'INTENT_UNKNOWN_CREDENTIAL', 'INTENT_UNKNOWN_MODEL',
      'INTENT_UNKNOWN_SITE', 'INTENT_UNKNOWN_ZONE', 'INTENT_UNKNOWN_ZONE',
    ]);
    expect(f.filter((x) => x.code === 'INTENT_UNKNOWN_ZONE').map((x) => x.pointer).sort()).toEqual(['/devices/6/zone', '/vpnInstances/4/zone']);
    expect(only(f, 'INTENT_UNKNOWN_MODEL').message).toContain("'RG-S2910'");
  });

  it('reports links to unknown devices and ports, and port names the model does not have', () => {
    const t = variant((t) => {
      t.links!.push({ a: { device: 'core-1', port: 'XGigabitEthernet3/0/11' }, b: { device: 'core-3', port: 'XGigabitEthernet3/0/11' } });
      t.links!.push({ a: { device: 'core-1', port: 'XGigabitEthernet9/0/0' }, b: { device: 'core-2', port: 'XGigabitEthernet4/0/0' } });
      dev(t, 'core-2').extraPorts = [{ name: 'XGigabitEthernet4/0/0', speed: '10G' }];
      dev(t, 'access-2').ports!.push({ name: 'GigabitEthernet0/0/5' }); // Huawei spelling on a Ruijie box
      dev(t, 'agg-1').lags![0]!.members.push('GigabitEthernet0/0/25');
    });
    const f = check(t, [referencesRule]);
    expect(codes(f)).toEqual(['INTENT_UNKNOWN_DEVICE', 'INTENT_UNKNOWN_PORT', 'INTENT_UNKNOWN_PORT', 'INTENT_UNKNOWN_PORT']);
    expect(f.map((x) => x.pointer).sort()).toEqual(['/devices/2/lags/0/members/2', '/devices/5/ports/4/name', '/links/14/b/device', '/links/15/a/port']);
  });

  it('reports every dangling VPN, QoS, VLAN, department and security-zone reference', () => {
    const t = variant((t) => {
      dev(t, 'core-1').svis![0]!.vpn = 'exchange';
      dev(t, 'fw-1').ports![2]!.vpn = 'inet';
      dev(t, 'fw-1').staticRoutes![0]!.vpn = 'inet';
      dev(t, 'access-1').ports![0]!.qos = 'desktops';
      dev(t, 'access-1').ports![1]!.vlan = 30;
      t.departments![0]!.mayReach = ['exchange-vpn', 'dns-vpn'];
      t.zones[2]!.vpn = 'xchg';
      t.vlans![1]!.department = 'healthcare';
      t.policy![0]!.to = 'demilitarised';
      t.remoteAccess!.groups[1]!.department = 'hospital';
    });
    const f = check(t, [referencesRule]);
    expect(codes(f)).toEqual([
      'INTENT_UNKNOWN_DEPARTMENT', 'INTENT_UNKNOWN_DEPARTMENT', 'INTENT_UNKNOWN_QOS_PROFILE', 'INTENT_UNKNOWN_SECURITY_ZONE',
      'INTENT_UNKNOWN_VLAN', 'INTENT_UNKNOWN_VPN', 'INTENT_UNKNOWN_VPN', 'INTENT_UNKNOWN_VPN', 'INTENT_UNKNOWN_VPN', 'INTENT_UNKNOWN_VPN',
    ]);
    expect(only(f, 'INTENT_UNKNOWN_VLAN').message).toBe("device 'access-1' port Ethernet0/0/2 carries VLAN 30, which is not declared in vlans");
  });

  it('reports unknown VRRP member devices, BGP speakers, remote-access firewall and firewall-zone interfaces', () => {
    const t = variant((t) => {
      t.vrrp![0]!.members[1]!.device = 'agg-3';
      t.network.routing!.bgpSpeakers!.push('pe-9');
      dev(t, 'fw-1').firewall!.zones[3]!.interfaces = ['Tunnel0', 'lag:2'];
      t.remoteAccess!.firewall = 'core-1';
    });
    const f = check(t, [referencesRule]);
    expect(codes(f)).toEqual(['INTENT_REMOTE_ACCESS_NOT_FIREWALL', 'INTENT_UNKNOWN_DEVICE', 'INTENT_UNKNOWN_DEVICE', 'INTENT_UNKNOWN_PORT', 'INTENT_UNKNOWN_PORT']);
  });

  it('does not report a reference to an element dropped for a schema error', () => {
    const t = variant((t) => { t.credentials = t.credentials!.filter((c) => c.id !== 'netops'); });
    const broken = new Map([['credentials', new Set(['netops'])]]);
    expect(runRules(buildContext(t, broken), [referencesRule])).toEqual([]);
    expect(codes(runRules(buildContext(t), [referencesRule]))).toEqual(Array(6).fill('INTENT_UNKNOWN_CREDENTIAL'));
  });

  it('makes dangling references warnings when a file of the network could not be read', () => {
    const t = variant((t) => { t.qosProfiles = []; });
    const f = runRules(buildContext(t, new Map(), { incomplete: true }), [referencesRule]);
    expect(f.map((x) => x.severity)).toEqual(Array(5).fill('warning'));
    expect(f[0]!.message).toContain('could not be read');
  });

  it('reports the dangling port of the city reference variant (and nothing else new), at its file and line', () => {
    const { result, reference, editedFile } = validateVariant('dangling-port');
    expect(codes(reference.findings, 'error')).toEqual([]);
    const f = added(result, reference);
    expect(codes(f)).toEqual(['INTENT_UNKNOWN_PORT']);
    expect(f[0]).toMatchObject({
      severity: 'error',
      file: shown(editedFile),
      line: lineOf(editedFile, 'port: GigabitEthernet 0/25'),
      path: 'links[agg-a:GigabitEthernet 0/25--core-1:GigabitEthernet1/0/1].a.port',
    });
  });
});
