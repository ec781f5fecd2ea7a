/**
 * The lab's SSH servers with an SSH client in process (ssh2): password, keyboard-interactive and
 * public-key logins, exec and shell channels, every SSH fault, and a rendered configuration typed
 * through SSH (one device per platform) read back identical.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTopology, type Topology } from '../../../src/model/index.js';
import { renderDevice } from '../../../src/render/index.js';
import { type LabHandle, startLab } from '../../../src/lab/index.js';
import { Client, PASSWORD, PROVINCIAL, Shell, closed, connect, exec } from './helpers.js';
import { generateHostKey } from '../../../src/lab/ssh/host-keys.js';

/** An Ed25519 pair both halves of which ssh2 reads (ssh2 1.17 mangles about 1 key in 256). */
function readableKeyPair(): { private: string; public: string } {
  const k = generateHostKey('dcnet-test');
  return { private: k.privateKey, public: k.publicKey };
}

const DEVICES = ['core-1', 'host-agg-2', 'fw-egress-1', 'wan-acc-1'];
const userKey = readableKeyPair();
let lab: LabHandle;
let topology: Topology;
const entry = (name: string) => lab.devices.find((d) => d.name === name)!;

beforeAll(async () => {
  topology = loadTopology(PROVINCIAL).topology!;
  lab = await startLab(topology, { sshPort: 0, snmp: false, only: DEVICES, configured: true, password: PASSWORD, env: {}, authorizedKeys: [userKey.public] });
});

afterAll(async () => {
  await lab?.stop();
});

describe('SSH login', () => {
  it('accepts the device password and the authorized public key; rejects the rest', async () => {
    const a = await connect(entry('core-1'));
    a.client.end();
    const b = await connect(entry('core-1'), { password: undefined, privateKey: userKey.private });
    b.client.end();
    const other = readableKeyPair();
    await expect(connect(entry('core-1'), { password: undefined, privateKey: other.private })).rejects.toThrow(/authentication methods failed/);
    await expect(connect(entry('core-1'), { password: 'wrong' })).rejects.toThrow(/authentication methods failed/);
    await expect(connect(entry('core-1'), { username: 'root' })).rejects.toThrow(/authentication methods failed/);
    const ki = await connect(entry('core-1'), { password: undefined, tryKeyboard: true });
    ki.client.end();
  });

  it('presents a stable host key per device', async () => {
    const a = await connect(entry('core-1'));
    const b = await connect(entry('core-1'));
    const c = await connect(entry('host-agg-2'));
    expect(a.hostKey.equals(b.hostKey)).toBe(true);
    expect(a.hostKey.equals(c.hostKey)).toBe(false);
    for (const x of [a, b, c]) x.client.end();
  });
});

describe('exec channel', () => {
  it('runs one command, prints its output and closes with exit status 0', async () => {
    const { client } = await connect(entry('core-1'));
    const r = await exec(client, 'display version');
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n').slice(0, 2)).toEqual(['Huawei Versatile Routing Platform Software', 'VRP (R) software, Version 5.170 (S9300 V200R010C00SPC600)']);
    const bad = await exec(client, 'display nonsense');
    expect(bad.code).toBe(1);
    expect(bad.out).toBe(`${' '.repeat(8)}^\r\nError: Unrecognized command found at '^' position.\r\n`);
    const rgos = await exec((await connect(entry('host-agg-2'))).client, 'show version');
    expect(rgos.out).toMatch(/^System description {6}: Ruijie /);
    client.end();
  });
});

describe('shell channel', () => {
  it('banner, prompt, views and `quit` closing the session', async () => {
    const { client } = await connect(entry('core-1'));
    const sh = await Shell.open(client);
    expect(await sh.until(/<core-1>$/)).toMatch(/^Info: The max number of VTY users is 10/);
    expect(await sh.run('system-view')).toBe('system-view\r\nEnter system view, return user view with Ctrl+Z.\r\n[core-1]');
    expect(await sh.run('interface Vlanif3000')).toMatch(/\[core-1-Vlanif3000\]$/);
    expect(await sh.run('return')).toMatch(/<core-1>$/);
    const done = closed(client);
    sh.send('quit\r');
    await done;
    expect(sh.closed).toBe(true);
  });

  it('works without a pty too (netmiko-style clients)', async () => {
    const { client } = await connect(entry('host-agg-2'));
    const sh = await Shell.open(client, false);
    await sh.until(/host-agg-2#$/);
    expect(await sh.run('show clock')).toMatch(/UTC .*\r\nhost-agg-2#$/);
    client.end();
  });

  for (const name of ['core-1', 'host-agg-2', 'fw-egress-1']) {
    it(`a rendered configuration typed through SSH is accepted and read back identical (${name})`, async () => {
      const d = topology.devices.find((x) => x.name === name)!;
      const text = renderDevice(topology, name);
      // Reset to the empty baseline, then type.
      lab.cli(name).boot();
      const { client } = await connect(entry(name));
      const sh = await Shell.open(client);
      const rgos = d.platform === 'ruijie-rgos';
      // the empty baseline has no privileged local user: RGOS starts in user EXEC
      expect(await sh.until(rgos ? /Ruijie>$/ : /<(?:HUAWEI|USG)>$/)).toBeTruthy();
      const pre = rgos ? ['enable', 'terminal length 0', 'configure terminal'] : ['screen-length 0 temporary', 'system-view'];
      sh.send(`${[...pre, ...text.split('\n')].join('\r')}`);
      const out = await sh.until(rgos ? new RegExp(`\r\n${name}#$`) : new RegExp(`\r\n<${name}>$`), 10_000);
      expect(out.split('\r\n').filter((l) => /^(?:Error|%)/.test(l))).toEqual([]);
      expect(lab.network.device(name).running).toBe(text);
      client.end();
    });
  }
});

describe('faults', () => {
  const device = (name: string) => lab.network.device(name);
  afterEach(() => device('wan-acc-1').clearFaults());

  it('refuseAuth rejects every login', async () => {
    device('wan-acc-1').setFaults({ refuseAuth: true });
    await expect(connect(entry('wan-acc-1'))).rejects.toThrow(/authentication methods failed/);
    device('wan-acc-1').setFaults({ refuseAuth: false });
    (await connect(entry('wan-acc-1'))).client.end();
  });

  it('altHostKey presents a different host key', async () => {
    const before = await connect(entry('wan-acc-1'));
    device('wan-acc-1').setFaults({ altHostKey: true });
    const during = await connect(entry('wan-acc-1'));
    device('wan-acc-1').setFaults({ altHostKey: false });
    const after = await connect(entry('wan-acc-1'));
    expect(during.hostKey.equals(before.hostKey)).toBe(false);
    expect(after.hostKey.equals(before.hostKey)).toBe(true);
    expect(during.hostKey.toString('base64')).toBe(lab.hostKey('wan-acc-1', true).split(' ')[1]);
    for (const x of [before, during, after]) x.client.end();
  });

  it('latencyMs delays every command', async () => {
    const { client } = await connect(entry('wan-acc-1'));
    device('wan-acc-1').setFaults({ latencyMs: 300 });
    const t0 = Date.now();
    await exec(client, 'display clock');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    device('wan-acc-1').setFaults({ latencyMs: undefined });
    client.end();
  });

  it('dropAfterCommands cuts the connection after the k-th command', async () => {
    device('wan-acc-1').setFaults({ dropAfterCommands: 2 });
    const { client } = await connect(entry('wan-acc-1'));
    const sh = await Shell.open(client);
    await sh.until(/>$/);
    const gone = closed(client);
    expect(await sh.run('display clock')).toMatch(/<wan-acc-1>$/);
    sh.send('system-view\r');
    await gone;
    expect(sh.closed).toBe(true);
    device('wan-acc-1').setFaults({ dropAfterCommands: undefined });
  });

  it('rejectCommands makes the device refuse a given command', async () => {
    device('wan-acc-1').setFaults({ rejectCommands: ['sysname X'] });
    const { client } = await connect(entry('wan-acc-1'));
    const sh = await Shell.open(client);
    await sh.until(/>$/);
    await sh.run('system-view');
    expect(await sh.run('sysname X')).toBe('sysname X\r\nError: Failed to execute the command.\r\n[wan-acc-1]');
    expect(await sh.run('sysname Y')).toBe('sysname Y\r\n[Y]');
    await sh.run('sysname wan-acc-1');
    device('wan-acc-1').setFaults({ rejectCommands: undefined });
    client.end();
  });

  it('a device that goes down cuts its sessions and refuses connections until it is back', async () => {
    const { client } = await connect(entry('wan-acc-1'));
    const gone = closed(client);
    lab.network.setDeviceState('wan-acc-1', false);
    await gone;
    await expect(connect(entry('wan-acc-1'))).rejects.toThrow();
    lab.network.setDeviceState('wan-acc-1', true);
    (await connect(entry('wan-acc-1'))).client.end();
  });

  it('a reboot drops the sessions and the device comes back with its saved configuration', async () => {
    const { client } = await connect(entry('wan-acc-1'));
    const sh = await Shell.open(client);
    await sh.until(/>$/);
    await sh.run('system-view');
    await sh.run('sysname lost-on-reboot');
    const gone = closed(client);
    lab.network.reboot('wan-acc-1');
    await gone;
    const again = await connect(entry('wan-acc-1'));
    expect((await exec(again.client, 'display current-configuration | include sysname')).out).toBe('sysname wan-acc-1\r\n');
    again.client.end();
  });
});

export { Client };
