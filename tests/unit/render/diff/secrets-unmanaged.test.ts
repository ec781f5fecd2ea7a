/**
 * Secrets compare by their key (the device shows a cipher where the intended configuration holds a
 * `{{secret:...}}` token), and running lines dcnet does not manage are reported and left alone
 * unless the device is fully managed.
 */
import { describe, expect, it } from 'vitest';
import { planDiff } from '../../../../src/render/index.js';
import { rgosText, vrpText } from './cases.js';

describe('secrets', () => {
  const intended = vrpText(`aaa
 local-user dcnet password irreversible-cipher {{secret:env:DCNET_PASSWORD}}
 local-user dcnet privilege level 15
#
snmp-agent
snmp-agent community read cipher {{secret:env:DCNET_SNMP_COMMUNITY}}`);

  it('a token equals whatever cipher the device shows (VRP)', () => {
    const running = intended
      .replace('irreversible-cipher {{secret:env:DCNET_PASSWORD}}', 'irreversible-cipher $1c$Zx"O;-0=#P$;^6QSRzH&0MzD]k!Gm<%Ad|vR\'A~1D$')
      .replace('cipher {{secret:env:DCNET_SNMP_COMMUNITY}}', 'cipher %^%#Kx<P:n(2D.T[;j*p`9d{Ihx1:<2s6O5!}]uL>cy%^%#');
    const plan = planDiff({ platform: 'huawei-vrp', running, intended });
    expect(plan.commands).toEqual([]);
    expect(plan.unifiedDiff).toBe('');
  });

  it('a secret line whose key differs is a change (another user, another access level)', () => {
    const running = intended
      .replace(/local-user dcnet/g, 'local-user netops')
      .replace('community read cipher {{secret:env:DCNET_SNMP_COMMUNITY}}', 'community write cipher %^%#abc%^%#');
    const plan = planDiff({ platform: 'huawei-vrp', running, intended, managed: 'full' });
    expect(plan.commands).toContain('local-user dcnet password irreversible-cipher {{secret:env:DCNET_PASSWORD}}');
    expect(plan.commands).toContain('snmp-agent community read cipher {{secret:env:DCNET_SNMP_COMMUNITY}}');
    expect(plan.commands).toContain('undo local-user netops');
  });

  it('a token equals the type-7 form RGOS shows', () => {
    const intendedRgos = rgosText('username dcnet privilege 15 password 0 {{secret:env:DCNET_PASSWORD}}\n!\nsnmp-server community {{secret:env:C}} ro');
    const runningRgos = rgosText('username dcnet privilege 15 password 7 0607324f1b5d0a\n!\nsnmp-server community 7 13061e010803 ro');
    expect(planDiff({ platform: 'ruijie-rgos', running: runningRgos, intended: intendedRgos }).commands).toEqual([]);
    const other = runningRgos.replace('privilege 15', 'privilege 1');
    expect(planDiff({ platform: 'ruijie-rgos', running: other, intended: intendedRgos }).commands).toEqual([
      'configure terminal', 'username dcnet privilege 15 password 0 {{secret:env:DCNET_PASSWORD}}', 'end',
    ]);
  });
});

describe('unmanaged lines', () => {
  const intended = vrpText(`vlan batch 10
#
interface GigabitEthernet0/0/1
 port link-type access
 port default vlan 10`);
  const running = vrpText(`vlan batch 10 20
#
acl number 2000
 rule 5 permit source 10.10.0.0 0.0.255.255
#
aaa
 local-user admin password irreversible-cipher $1c$abc$
 local-user admin privilege level 15
#
interface GigabitEthernet0/0/1
 port link-type access
 port default vlan 20
 jumboframe enable 9216
#
interface GigabitEthernet0/0/2
 port link-type access
#
info-center loghost 10.9.9.9
#
snmp-agent local-engineid 800007DB03F44588AAB900`);

  it('are reported with their path and line, and left alone on a partially managed device', () => {
    const plan = planDiff({ platform: 'huawei-vrp', running, intended, managed: 'partial' });
    expect(plan.unmanaged).toEqual([
      { path: [], line: 'acl number 2000', lineNo: 6 },
      { path: [], line: 'aaa', lineNo: 9 },
      { path: ['interface GigabitEthernet0/0/1'], line: 'jumboframe enable 9216', lineNo: 16 },
      { path: [], line: 'interface GigabitEthernet0/0/2', lineNo: 18 },
      { path: [], line: 'info-center loghost 10.9.9.9', lineNo: 21 },
    ]);
    expect(plan.commands).toEqual([
      'system-view', 'interface GigabitEthernet0/0/1', 'port default vlan 10', 'quit', 'undo vlan batch 20', 'return',
    ]);
  });

  it('are removed on a fully managed device (device-owned lines never are)', () => {
    const plan = planDiff({ platform: 'huawei-vrp', running, intended, managed: 'full' });
    expect(plan.commands).toEqual([
      'system-view',
      'undo info-center loghost 10.9.9.9',
      'interface GigabitEthernet0/0/1', 'undo jumboframe enable 9216', 'quit',
      'interface GigabitEthernet0/0/2', 'undo port link-type', 'quit',
      'aaa', 'undo local-user admin', 'quit',
      'interface GigabitEthernet0/0/1', 'port default vlan 10', 'quit',
      'undo acl number 2000',
      'undo vlan batch 20',
      'return',
    ]);
    expect(plan.commands.join('\n')).not.toMatch(/local-engineid/);
  });
});
