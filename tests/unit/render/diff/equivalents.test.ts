/**
 * Lines that mean the same are the same (each dialect's table of equivalent forms), a VRRP group
 * keeps its settings when its virtual address changes, and a reordered configuration is no change.
 */
import { describe, expect, it } from 'vitest';
import { planDiff } from '../../../../src/render/index.js';
import { applyCommands, canonical } from './interpreter.js';
import { parseConfig } from '../../../../src/render/index.js';

const vrp = (body: string): string => `#\nsysname sw\n#\n${body}\n#\nreturn\n`;
const rgos = (body: string): string => `hostname sw\n!\n${body}\n!\nend\n`;

const TRUNK = (mode: string): string => vrp([
  'interface Eth-Trunk1', ' port link-type trunk', ' undo port trunk allow-pass vlan 1', ' port trunk allow-pass vlan 10', ` mode ${mode}`,
  '#', 'interface Vlanif10', ' ip address 10.1.10.2 255.255.255.0', ' vrrp vrid 10 virtual-ip 10.1.10.1',
  '#', 'interface GigabitEthernet0/0/1', ' eth-trunk 1', '#', 'interface GigabitEthernet0/0/2', ' eth-trunk 1',
].join('\n'));

describe('equivalent forms', () => {
  for (const platform of ['huawei-vrp', 'huawei-usg'] as const) {
    it(`${platform}: \`mode lacp\` and \`mode lacp-static\` are one setting, both ways (no undo eth-trunk, no command)`, () => {
      for (const [running, intended] of [['lacp', 'lacp-static'], ['lacp-static', 'lacp']] as const) {
        const plan = planDiff({ platform, running: TRUNK(running), intended: TRUNK(intended), managed: 'full' });
        expect(plan.commands).toEqual([]);
        expect(plan.rollback).toEqual([]);
        expect(plan.unifiedDiff).toBe('');
      }
      // A real change of mode still resets the members.
      const manual = planDiff({ platform, running: TRUNK('lacp'), intended: TRUNK('lacp').replace(' mode lacp\n', ''), managed: 'full' });
      expect(manual.commands).toContain('undo eth-trunk');
    });
  }

  it('huawei-vrp: a static route at the default preference, printed with or without it', () => {
    const a = vrp('ip route-static 10.9.0.0 255.255.0.0 10.1.10.9 preference 60 description x');
    const b = vrp('ip route-static 10.9.0.0 255.255.0.0 10.1.10.9 description x');
    expect(planDiff({ platform: 'huawei-vrp', running: a, intended: b, managed: 'full' }).commands).toEqual([]);
    expect(planDiff({ platform: 'huawei-vrp', running: b, intended: a, managed: 'full' }).commands).toEqual([]);
    const c = vrp('ip route-static 10.9.0.0 255.255.0.0 10.1.10.9 preference 70 description x');
    expect(planDiff({ platform: 'huawei-vrp', running: a, intended: c, managed: 'full' }).commands).toContain('ip route-static 10.9.0.0 255.255.0.0 10.1.10.9 preference 70 description x');
  });

  it('huawei-usg: a policy address as `A mask M` or `A LEN`, and a NAT server port by name or number', () => {
    const rule = (dest: string): string => vrp(['security-policy', ' rule name web', '  source-zone untrust', '  destination-zone dmz', `  destination-address ${dest}`, '  action permit'].join('\n'));
    expect(planDiff({ platform: 'huawei-usg', running: rule('10.31.1.10 32'), intended: rule('10.31.1.10 mask 255.255.255.255'), managed: 'full' }).commands).toEqual([]);
    expect(planDiff({ platform: 'huawei-usg', running: rule('10.31.1.0 mask 255.255.255.0'), intended: rule('10.31.1.0 24'), managed: 'full' }).commands).toEqual([]);
    expect(planDiff({ platform: 'huawei-usg', running: rule('10.31.1.0 25'), intended: rule('10.31.1.0 mask 255.255.255.0'), managed: 'full' }).commands.length).toBeGreaterThan(0);
    const nat = (g: string, i: string): string => vrp(`nat server web protocol tcp global 198.51.100.10 ${g} inside 10.31.1.10 ${i}`);
    expect(planDiff({ platform: 'huawei-usg', running: nat('www', 'www'), intended: nat('80', '80'), managed: 'full' }).commands).toEqual([]);
    expect(planDiff({ platform: 'huawei-usg', running: nat('www', 'www'), intended: nat('8080', '80'), managed: 'full' }).commands).toContain('undo nat server name web');
  });

  it('ruijie-rgos: a static route at the default distance 1, printed with or without it', () => {
    const a = rgos('ip route 10.9.0.0 255.255.0.0 10.1.10.9 1');
    const b = rgos('ip route 10.9.0.0 255.255.0.0 10.1.10.9');
    expect(planDiff({ platform: 'ruijie-rgos', running: a, intended: b, managed: 'full' }).commands).toEqual([]);
    expect(planDiff({ platform: 'ruijie-rgos', running: b, intended: a, managed: 'full' }).commands).toEqual([]);
  });
});

describe('a VRRP group whose virtual address changes keeps its settings', () => {
  const gw = (vip: string): string => vrp([
    'interface Vlanif10', ' ip address 10.1.10.2 255.255.255.0', ` vrrp vrid 10 virtual-ip ${vip}`, ' vrrp vrid 10 priority 120',
    ' vrrp vrid 10 preempt-mode timer delay 20', ' vrrp vrid 10 track interface GigabitEthernet0/0/24 reduced 30',
    '#', 'interface GigabitEthernet0/0/24',
  ].join('\n'));

  it('adds the new address before removing the old one, in the plan and in its rollback', () => {
    const plan = planDiff({ platform: 'huawei-vrp', running: gw('10.1.10.1'), intended: gw('10.1.10.5'), managed: 'full' });
    expect(plan.commands).toEqual(['system-view', 'interface Vlanif10', 'vrrp vrid 10 virtual-ip 10.1.10.5', 'undo vrrp vrid 10 virtual-ip 10.1.10.1', 'quit', 'return']);
    expect(plan.rollback).toEqual(['system-view', 'interface Vlanif10', 'vrrp vrid 10 virtual-ip 10.1.10.1', 'undo vrrp vrid 10 virtual-ip 10.1.10.5', 'quit', 'return']);
    // On a device that drops the group with its last address, priority, preemption and tracking survive.
    const running = parseConfig(gw('10.1.10.1'), 'huawei-vrp');
    const after = applyCommands('huawei-vrp', running, plan.commands);
    expect(canonical('huawei-vrp', after)).toEqual(canonical('huawei-vrp', parseConfig(gw('10.1.10.5'), 'huawei-vrp')));
    expect(canonical('huawei-vrp', applyCommands('huawei-vrp', after, plan.rollback))).toEqual(canonical('huawei-vrp', running));
  });

  it('removes the whole group with one command when the group goes', () => {
    const none = vrp(['interface Vlanif10', ' ip address 10.1.10.2 255.255.255.0', '#', 'interface GigabitEthernet0/0/24'].join('\n'));
    const plan = planDiff({ platform: 'huawei-vrp', running: gw('10.1.10.1'), intended: none, managed: 'full' });
    expect(plan.commands).toEqual(['system-view', 'interface Vlanif10', 'undo vrrp vrid 10', 'quit', 'return']);
  });
});

describe('order', () => {
  it('a configuration printed in another order is no change: no command and no diff', () => {
    const a = vrp(['interface GigabitEthernet0/0/2', ' description b', '#', 'interface GigabitEthernet0/0/1', ' description a'].join('\n'));
    const b = vrp(['interface GigabitEthernet0/0/1', ' description a', '#', 'interface GigabitEthernet0/0/2', ' description b'].join('\n'));
    const plan = planDiff({ platform: 'huawei-vrp', running: a, intended: b, managed: 'full' });
    expect(plan.commands).toEqual([]);
    expect(plan.unifiedDiff).toBe('');
    const inside = rgos(['interface GigabitEthernet 0/1', ' description x', ' switchport access vlan 10'].join('\n'));
    const swapped = rgos(['interface GigabitEthernet 0/1', ' switchport access vlan 10', ' description x'].join('\n'));
    expect(planDiff({ platform: 'ruijie-rgos', running: swapped, intended: inside, managed: 'full' }).unifiedDiff).toBe('');
  });

  it('shows only the real change when lines are also reordered, and keeps the order of firewall rules', () => {
    const a = vrp(['interface GigabitEthernet0/0/2', ' description b', '#', 'interface GigabitEthernet0/0/1', ' description a'].join('\n'));
    const b = vrp(['interface GigabitEthernet0/0/1', ' description a2', '#', 'interface GigabitEthernet0/0/2', ' description b'].join('\n'));
    const diff = planDiff({ platform: 'huawei-vrp', running: a, intended: b, managed: 'full' }).unifiedDiff;
    expect(diff.split('\n').filter((l) => /^[-+] /.test(l))).toEqual(['- description a', '+ description a2']);
    // In a firewall's rule list order means something: it is a change, and it shows.
    const rules = (x: string, y: string): string => vrp(['security-policy', ` rule name ${x}`, '  action permit', ` rule name ${y}`, '  action permit'].join('\n'));
    const plan = planDiff({ platform: 'huawei-usg', running: rules('b', 'a'), intended: rules('a', 'b'), managed: 'full' });
    expect(plan.commands).toContain('rule move a before b');
    expect(plan.unifiedDiff).not.toBe('');
  });
});
