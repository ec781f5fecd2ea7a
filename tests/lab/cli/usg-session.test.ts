/**
 * The simulated USG CLI (reference/huawei-usg.md): the VRP engine with zones, the two policy
 * generations, NAT servers, and the generation probe (`display security-policy rule all` is
 * unrecognized on the older generation).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TOPOLOGIES, Terminal, makeLab, type Lab } from './helpers.js';

let lab: Lab;

beforeEach(() => {
  lab = makeLab(TOPOLOGIES.usgLab);
});

async function open(name: string): Promise<Terminal> {
  const t = new Terminal(lab.cli(name));
  await t.start();
  await t.type('screen-length 0 temporary');
  return t;
}

describe('USG6000 (security-policy)', () => {
  it('zones, security-policy rules and NAT servers, with their prompts and checks', async () => {
    const t = await open('edge-1');
    expect(await t.type('system-view')).toMatch(/\[USG\]$/);
    expect(await t.type('firewall zone trust')).toMatch(/\[USG-zone-trust\]$/);
    expect(await t.type('set priority 85')).toMatch(/\[USG-zone-trust\]$/);
    expect(await t.type('set priority 80')).toContain('Error: The priority of a default security zone cannot be modified.');
    expect(await t.type('add interface GigabitEthernet1/0/2')).not.toContain('Error');
    expect(await t.type('firewall zone name public_access')).toMatch(/\[USG-zone-public_access\]$/);
    expect(await t.type('set priority 85')).toContain('Error: The priority 85 has been used by security zone trust.');
    await t.type('set priority 40');
    expect(await t.type('add interface GigabitEthernet1/0/2')).toContain('Error: The interface has been added to security zone trust.');
    await t.type('add interface GigabitEthernet1/0/3');
    expect(await t.type('security-policy')).toMatch(/\[USG-policy-security\]$/);
    expect(await t.type('rule name WEB-IN')).toMatch(/\[USG-policy-security-rule-WEB-IN\]$/);
    for (const l of ['source-zone untrust', 'destination-zone public_access', 'destination-address 10.1.1.50 32', 'service http', 'service https', 'action permit']) {
      expect(await t.type(l), l).not.toContain('Error');
    }
    expect(await t.type('source-zone nowhere')).toContain("Error: Wrong parameter found at '^' position.");
    await t.type('rule name Block-Rest');
    await t.type('action deny');
    await t.type('quit');
    await t.type('rule move Block-Rest before WEB-IN');
    await t.type('quit');
    expect(await t.type('nat server Web-Server protocol tcp global 203.0.113.1 80 inside 10.1.1.50 80')).not.toContain('Error');
    await t.type('return');
    const running = lab.net.device('edge-1').running;
    expect(running).toContain('firewall zone trust\n set priority 85\n add interface GigabitEthernet1/0/2\n#\nfirewall zone name public_access\n set priority 40\n add interface GigabitEthernet1/0/3\n#');
    expect(running).toMatch(/#\nnat server Web-Server protocol tcp global 203\.0\.113\.1 80 inside 10\.1\.1\.50 80\n#\nsecurity-policy\n rule name Block-Rest\n  action deny\n rule name WEB-IN\n  source-zone untrust\n  destination-zone public_access\n  destination-address 10\.1\.1\.50 mask 255\.255\.255\.255\n  service http\n  service https\n  action permit\n#\nreturn\n$/);
    const rules = await t.lines('display security-policy rule all');
    expect(rules[0]).toBe(' Total:3');
    expect(rules[3]).toMatch(/^ 1\s+Block-Rest\s+enable\s+deny\s+0$/);
    const zones = await t.lines('display zone');
    expect(zones.slice(0, 3)).toEqual(['trust', ' priority is 85', ' interface of the zone is (1):']);
    // the older generation's syntax does not exist here
    await t.type('system-view');
    expect(await t.type('policy interzone trust untrust outbound')).toContain("Error: Unrecognized command found at '^' position.");
  });

  it('VRRP needs a mask and a role on a USG, and service-manage opens the interface to management', async () => {
    const t = await open('edge-1');
    await t.type('system-view');
    await t.type('interface GigabitEthernet1/0/1');
    await t.type('ip address 10.31.0.2 255.255.255.0');
    expect(await t.type('vrrp vrid 31 virtual-ip 10.31.0.1 255.255.255.0 active')).not.toContain('Error');
    await t.type('service-manage ssh permit');
    await t.type('service-manage ssh deny');
    expect((await t.lines('display this')).join('\n')).toBe('#\ninterface GigabitEthernet1/0/1\n ip address 10.31.0.2 255.255.255.0\n vrrp vrid 31 virtual-ip 10.31.0.1 255.255.255.0 active\n service-manage ssh deny\n#\nreturn');
  });
});

describe('USG2205BSR (policy interzone)', () => {
  it('interzone policies, service sets, and no `security-policy`', async () => {
    const t = await open('branch-1');
    expect(await t.lines('display security-policy rule all')).toEqual([`${' '.repeat('<USG>display '.length)}^`, "Error: Unrecognized command found at '^' position."]);
    await t.type('system-view');
    expect(await t.type('policy interzone trust untrust outbound')).toMatch(/\[USG-policy-interzone-trust-untrust-outbound\]$/);
    expect(await t.type('policy 1')).toMatch(/\[USG-policy-interzone-trust-untrust-outbound-1\]$/);
    await t.type('action permit');
    await t.type('policy source 192.168.1.0 0.0.0.255');
    expect(await t.type('policy service service-set nonexistent')).toContain('Error: Wrong parameter');
    await t.type('ip service-set tcp-8080 type object');
    await t.type('service 0 protocol tcp destination-port 8080');
    await t.type('policy interzone trust untrust outbound');
    await t.type('policy 1');
    expect(await t.type('policy service service-set tcp-8080')).not.toContain('Error');
    expect(await t.type('security-policy')).toContain("Error: Unrecognized command found at '^' position.");
    await t.type('return');
    expect(lab.net.device('branch-1').running).toContain('ip service-set tcp-8080 type object\n service 0 protocol tcp destination-port 8080\n#\npolicy interzone trust untrust outbound\n policy 1\n  action permit\n  policy source 192.168.1.0 0.0.0.255\n  policy service service-set tcp-8080\n#');
  });
});
