/**
 * The lab commands issue #10's renderers need (src/lab/cli/huawei-vrp/grammar-ospf.ts,
 * src/lab/cli/huawei-usg/grammar-ha-vpn-nat.ts): OSPF and the BGP preferences on the VRP; HRP,
 * manager-user, AAA domains, IKE/IPsec, source NAT on the USG. What they accept is shown where the
 * device prints it; what they refuse (a name that does not exist, a bad area, an unknown service
 * type) is refused as a device does, and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { TOPOLOGIES, Terminal, makeLab } from './helpers.js';

async function open(path: string, name: string): Promise<{ t: Terminal; running: () => string }> {
  const lab = makeLab(path, { devices: [name] });
  const t = new Terminal(lab.cli(name));
  await t.start();
  await t.type('screen-length 0 temporary');
  await t.type('system-view');
  return { t, running: () => lab.net.device(name).running };
}

const WRONG = "Error: Wrong parameter found at '^' position.";

describe('VRP: OSPF and BGP preferences', () => {
  it('an OSPF process with areas and networks, printed after BGP with the area dotted', async () => {
    const { t, running } = await open(TOPOLOGIES.provincial, 'core-1');
    expect(await t.type('ospf 1 router-id 10.0.0.1')).toMatch(/\[HUAWEI-ospf-1\]$/);
    expect(await t.type('area 0')).toMatch(/\[HUAWEI-ospf-1-area-0\.0\.0\.0\]$/);
    expect(await t.type('network 10.1.0.0 0.0.0.3')).not.toContain('Error');
    await t.type('quit');
    expect(await t.type('area 1.2.3.256')).toContain(WRONG);
    await t.type('area 10');
    await t.type('network 10.2.0.0 0.0.0.255');
    await t.type('quit');
    await t.type('quit');
    await t.type('bgp 65000');
    await t.type('return');
    expect(running()).toMatch(/#\nbgp 65000\n #\n ipv4-family unicast\n  undo synchronization\n#\nospf 1 router-id 10\.0\.0\.1\n area 0\.0\.0\.0\n  network 10\.1\.0\.0 0\.0\.0\.3\n area 0\.0\.0\.10\n  network 10\.2\.0\.0 0\.0\.0\.255\n#\n/);

    // a new router id keeps the areas; removing a network that is not there changes nothing
    await t.type('system-view');
    expect(await t.type('ospf 1 router-id 10.0.0.9')).toContain('Info: The router ID takes effect after the OSPF process is reset.');
    await t.type('area 0.0.0.0');
    expect(await t.type('undo network 10.9.9.0 0.0.0.3')).toContain('Error: The network does not exist in this area.');
    await t.type('return');
    expect(running()).toContain('ospf 1 router-id 10.0.0.9\n area 0.0.0.0\n  network 10.1.0.0 0.0.0.3\n area 0.0.0.10\n');

    // `undo ospf` asks first
    await t.type('system-view');
    expect(await t.type('undo ospf 1')).toMatch(/Continue\? \[Y\/N\]:$/);
    await t.type('n');
    expect(running()).toContain('ospf 1 router-id 10.0.0.9');
    await t.type('undo ospf 1');
    await t.type('y');
    expect(running()).not.toContain('ospf 1');
    expect(await t.type('undo ospf 1')).toContain('Error: The OSPF process does not exist.');
  });

  it('BGP preferences in a VPN instance family, before its imports', async () => {
    const { t, running } = await open(TOPOLOGIES.provincial, 'core-1');
    await t.type('ip vpn-instance dept-x');
    await t.type('ipv4-family');
    await t.type('route-distinguisher 65000:1');
    await t.type('quit');
    await t.type('quit');
    await t.type('bgp 65000');
    await t.type('ipv4-family vpn-instance dept-x');
    await t.type('import-route static');
    expect(await t.type('preference 255 200 256')).toContain(WRONG);
    expect(await t.type('preference 255 200 255')).not.toContain('Error');
    await t.type('return');
    expect(running()).toContain(' ipv4-family vpn-instance dept-x\n  preference 255 200 255\n  import-route static\n');
  });
});

describe('USG6000: HRP, administrators, AAA domains, IPsec, source NAT', () => {
  it('accepts what exists, refuses references to what does not', async () => {
    const { t, running } = await open(TOPOLOGIES.usgLab, 'edge-1');
    expect(await t.type('hrp interface GigabitEthernet9/9/9 remote 10.0.0.2')).toContain(WRONG);
    await t.type('hrp enable');
    expect(await t.type('hrp interface GigabitEthernet1/0/10 remote 10.0.0.2')).not.toContain('Error');
    await t.type('hrp standby-device');

    await t.type('aaa');
    expect(await t.type('manager-user ops')).toMatch(/\[USG-aaa-manager-user-ops\]$/);
    expect(await t.type('password cipher Secret-1')).not.toContain('Error');
    expect(await t.type('service-type ssh bogus')).toContain(WRONG);
    await t.type('service-type ssh');
    expect(await t.type('level 16')).toContain(WRONG);
    await t.type('level 15');
    await t.type('quit');
    expect(await t.type('domain tax')).toMatch(/\[USG-aaa-domain-tax\]$/);
    await t.type('service-type l2tp');
    await t.type('ip pool 1 10.101.250.2 10.101.250.254');
    await t.type('quit');
    await t.type('quit');

    expect(await t.type('ike peer ra')).toMatch(/\[USG-ike-peer-ra\]$/);
    expect(await t.type('ike-proposal 10')).toContain('Error: The IKE proposal does not exist.');
    await t.type('quit');
    await t.type('ike proposal 10');
    expect(await t.type('encryption-algorithm aes-256')).not.toContain('Error');
    expect(await t.type('dh group99')).toContain('Error');
    await t.type('quit');
    await t.type('ike peer ra');
    await t.type('pre-shared-key Key-1');
    expect(await t.type('ike-proposal 10')).not.toContain('Error');
    await t.type('quit');
    await t.type('ipsec proposal ra');
    await t.type('encapsulation-mode transport');
    await t.type('quit');
    expect(await t.type('ipsec policy ra 10 isakmp template ra')).toContain('Error: The IPSec policy template does not exist.');
    await t.type('ipsec policy-template ra 1');
    expect(await t.type('ike-peer nope')).toContain('Error: The IKE peer does not exist.');
    await t.type('ike-peer ra');
    await t.type('proposal ra');
    await t.type('quit');
    expect(await t.type('ipsec policy ra 10 isakmp template ra')).not.toContain('Error');
    await t.type('interface GigabitEthernet1/0/0');
    expect(await t.type('ipsec policy nope')).toContain('Error: The IPSec policy does not exist.');
    await t.type('ipsec policy ra');
    await t.type('quit');

    await t.type('nat address-group out');
    await t.type('mode pat');
    await t.type('section 198.51.100.13 198.51.100.13');
    await t.type('quit');
    expect(await t.type('nat-policy')).toMatch(/\[USG-policy-nat\]$/);
    await t.type('rule name out');
    expect(await t.type('source-zone nowhere')).toContain(WRONG);
    await t.type('source-zone trust');
    await t.type('destination-zone untrust');
    expect(await t.type('action source-nat address-group nope')).toContain('Error: The address pool does not exist.');
    await t.type('action source-nat address-group out');
    await t.type('return');

    const r = running();
    expect(r).toMatch(/^#\nsysname USG\n#\nhrp enable\nhrp standby-device\nhrp interface GigabitEthernet1\/0\/10 remote 10\.0\.0\.2\n#\n/);
    expect(r).toMatch(/\naaa\n manager-user ops\n  password cipher %\^%#\S+%\^%#\n  service-type ssh\n  level 15\n domain tax\n  service-type l2tp\n  ip pool 1 10\.101\.250\.2 10\.101\.250\.254\n#\n/);
    expect(r).toContain('#\nike proposal 10\n encryption-algorithm aes-256\n#\nike peer ra\n pre-shared-key %^%#');
    expect(r).toContain('#\nipsec proposal ra\n encapsulation-mode transport\n#\nipsec policy-template ra 1\n ike-peer ra\n proposal ra\n#\nipsec policy ra 10 isakmp template ra\n#\n');
    expect(r).toContain('interface GigabitEthernet1/0/0\n ipsec policy ra\n#');
    expect(r).toContain('#\nnat address-group out\n mode pat\n section 0 198.51.100.13 198.51.100.13\n#');
    expect(r).toMatch(/#\nnat-policy\n rule name out\n  source-zone trust\n  destination-zone untrust\n  action source-nat address-group out\n#\nreturn\n$/);
    expect(r).not.toMatch(/nope|bogus|GigabitEthernet9/);
  });

  it('an l2tp-group takes the sessions of one AAA domain', async () => {
    const { t, running } = await open(TOPOLOGIES.usgLab, 'edge-1');
    await t.type('l2tp-group 1');
    expect(await t.type('allow l2tp virtual-template 1 domain tax')).not.toContain('Error');
    expect(await t.type('allow l2tp virtual-template 1 domain tax remote x')).toContain('Error');
    await t.type('return');
    expect(running()).toContain('l2tp-group 1\n allow l2tp virtual-template 1 domain tax\n#');
  });
});

describe('USG2205BSR: interzone source NAT', () => {
  it('numbered address groups and nat-policy interzone entries', async () => {
    const { t, running } = await open(TOPOLOGIES.usgLab, 'branch-1');
    await t.type('nat-policy interzone trust untrust outbound');
    await t.type('policy 0');
    await t.type('action source-nat');
    await t.type('policy source 10.0.0.0 0.255.255.255');
    expect(await t.type('address-group 1')).toContain('Error: The address pool does not exist.');
    expect(await t.type('easy-ip GigabitEthernet0/0/0')).not.toContain('Error');
    await t.type('quit');
    await t.type('quit');
    expect(await t.type('nat address-group 1 203.0.113.1 203.0.113.2')).not.toContain('Error');
    await t.type('return');
    expect(running()).toContain('#\nnat address-group 1 203.0.113.1 203.0.113.2\n#\nnat-policy interzone trust untrust outbound\n policy 0\n  action source-nat\n  policy source 10.0.0.0 0.255.255.255\n  easy-ip GigabitEthernet0/0/0\n#');
  });
});
