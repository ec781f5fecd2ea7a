/**
 * The lab end to end (issue 4, "SNMP values agree with the CLI's view", VRRP failover, faults):
 * part of the city extranet booted through startLab from its rendered configurations (core-1
 * Huawei S9312, core-2 Ruijie RG-S8610, fw-inet Huawei USG6000, agg-a Ruijie RG-S5750) on explicit
 * ports with a fake clock, driven only from outside: the control API over HTTP, real SSH sessions
 * (ssh2 Client, interactive shell) and real SNMP v2c (snmp-native, GetBulk walks).
 *
 * SNMP access as startLab configures it from the topology's credentials: the RGOS boxes' v2c
 * community is the credential's `env:DCNET_SNMP_COMMUNITY`, resolved from the env given to the
 * lab; the VRP and USG credentials are SNMPv3, for which the lab also answers v2c `public`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlServer, startControlServer } from '../../../src/lab/control.js';
import { type LabAddress, type LabHandle, labAddress, startLab } from '../../../src/lab/index.js';
import { TOPOLOGIES, topology } from '../cli/helpers.js';
import { get, getAll } from '../snmp/client.js';
import { closed, connect } from '../ssh/helpers.js';
import { type Api, Cli, OID, column, controlApi, fingerprint, freePort, snmpSession } from './helpers.js';

const DEVICES = ['core-1', 'core-2', 'fw-inet', 'agg-a'] as const;
type Name = (typeof DEVICES)[number];
const PASSWORD = 'agreement-pass-4';
const COMMUNITY = 'city-extranet-ro';
const START = Date.UTC(2026, 3, 22, 10, 0, 0);

let now = START;
const clock = { now: () => now, advance: (ms: number) => { now += ms; } };
let lab: LabHandle;
let control: ControlServer;
let api: Api;
let port: number;
const opened: Cli[] = [];

const entry = (name: Name): LabAddress => lab.devices.find((d) => d.name === name)!;
const community = (name: Name): string => (entry(name).platform === 'ruijie-rgos' ? COMMUNITY : 'public');
const rgos = (name: Name): boolean => entry(name).platform === 'ruijie-rgos';

async function cli(name: Name): Promise<Cli> {
  const c = await Cli.open(entry(name), PASSWORD);
  opened.push(c);
  return c;
}

async function withSnmp<T>(name: Name, fn: (s: ReturnType<typeof snmpSession>) => Promise<T>, timeoutMs = 3000): Promise<T> {
  const s = snmpSession(entry(name), community(name), timeoutMs);
  try {
    return await fn(s);
  } finally {
    s.close();
  }
}

/** ifIndex by ifDescr, read over SNMP (the name as the device prints it). */
const ifIndexCache = new Map<string, Map<string, number>>();
async function ifIndexes(name: Name): Promise<Map<string, number>> {
  let m = ifIndexCache.get(name);
  if (!m) {
    const descr = await withSnmp(name, (s) => column(s, OID.ifDescr));
    m = new Map([...descr].map(([idx, d]) => [String(d), Number(idx)]));
    ifIndexCache.set(name, m);
  }
  return m;
}
async function ifIndexOf(name: Name, ifDescr: string): Promise<number> {
  const i = (await ifIndexes(name)).get(ifDescr);
  if (i === undefined) throw new Error(`${name}: no ifDescr '${ifDescr}' over SNMP`);
  return i;
}

/** One value per OID, read in one Get. */
async function snmpGet(name: Name, oids: string[]): Promise<unknown[]> {
  return withSnmp(name, async (s) => (await getAll(s, oids)).map((vb) => vb.value));
}

// ------------------------------------------------------------------------------ CLI tables

/** `display interface brief` (VRP, USG) / `show interfaces status` (RGOS): interface → status as printed. */
async function cliStatusTable(c: Cli, name: Name): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (rgos(name)) {
    const lines = await c.lines('show interfaces status');
    expect(lines[0]).toMatch(/^Interface +Status +Vlan +Duplex +Speed +Type$/);
    for (const l of lines.slice(2)) out.set(l.slice(0, 33).trim(), l.slice(33).trim().split(/\s+/)[0]!);
  } else {
    const lines = await c.lines('display interface brief');
    const head = lines.findIndex((l) => l.startsWith('Interface '));
    expect(lines[head]).toMatch(/^Interface +PHY +Protocol +InUti +OutUti +inErrors +outErrors$/);
    for (const l of lines.slice(head + 1)) {
      const m = /^\s*(\S+)\s+(\S+)\s+\S+/.exec(l);
      if (m) out.set(m[1]!, m[2]!);
    }
  }
  expect(out.size).toBeGreaterThan(3);
  return out;
}

const operOf = (printed: string): number => (printed === 'up' ? 1 : 2);
const adminOf = (printed: string): number => (printed === '*down' || printed === 'disabled' ? 2 : 1);

/**
 * The whole status table of a device against ifOperStatus/ifAdminStatus walked over SNMP:
 * every row the CLI prints agrees. Returns the CLI's table.
 */
async function expectTableAgrees(name: Name): Promise<Map<string, string>> {
  const c = await cli(name);
  const table = await cliStatusTable(c, name);
  const [oper, admin] = await withSnmp(name, async (s) => [await column(s, OID.ifOperStatus), await column(s, OID.ifAdminStatus)]);
  for (const [intf, printed] of table) {
    const idx = String(await ifIndexOf(name, intf));
    expect({ intf, oper: oper.get(idx), admin: admin.get(idx) }).toEqual({ intf, oper: operOf(printed), admin: adminOf(printed) });
  }
  c.close();
  return table;
}

/** One port as the CLI shows it and as SNMP says (ifOperStatus). */
async function portView(name: Name, port: string): Promise<{ cli: string; snmp: unknown }> {
  const c = await cli(name);
  const table = await cliStatusTable(c, name);
  c.close();
  const [snmp] = await snmpGet(name, [`${OID.ifOperStatus}.${await ifIndexOf(name, port)}`]);
  return { cli: table.get(port)!, snmp };
}

// ------------------------------------------------------------------------------ setup

beforeAll(async () => {
  const topo = topology(TOPOLOGIES.city);
  const addresses = DEVICES.map((n) => labAddress(topo.devices.findIndex((d) => d.name === n)));
  port = await freePort(addresses);
  lab = await startLab(topo, {
    configured: true, only: DEVICES, sshPort: port, snmpPort: port, password: PASSWORD, clock: clock.now,
    env: { DCNET_SNMP_COMMUNITY: COMMUNITY },
  });
  control = await startControlServer(lab);
  api = controlApi(control.url);
});

afterAll(async () => {
  for (const c of opened) c.client.destroy();
  await control?.close();
  await lab?.stop();
});

describe('the lab as booted', () => {
  it('listens on the explicit ports at each device address, SSH and SNMP', async () => {
    const table = await api('GET', '/devices') as unknown as LabAddress[];
    for (const name of DEVICES) {
      const e = table.find((d) => d.name === name)!;
      expect(e).toMatchObject({ sshPort: port, snmpPort: port });
      expect(e.address).toMatch(/^127\.10\.\d+\.\d+$/);
    }
    // SNMP answers with the configured community; sysName is the configured hostname.
    for (const name of DEVICES) expect(await snmpGet(name, [OID.sysName])).toEqual([name]);
    // The RGOS community is the one resolved from the credential: `public` gets no answer there.
    const wrong = snmpSession(entry('agg-a'), 'public', 300);
    await expect(get(wrong, OID.sysName)).rejects.toThrow(/timed out|timeout/i);
    wrong.close();
  });
});

describe('SNMP agrees with the CLI', () => {
  const LINKS = [
    // VRP core to an RGOS aggregation switch, and RGOS core to the USG firewall
    { a: { device: 'core-1' as Name, port: 'GigabitEthernet1/0/1' }, b: { device: 'agg-a' as Name, port: 'GigabitEthernet 0/23' } },
    { a: { device: 'core-2' as Name, port: 'GigabitEthernet 1/24' }, b: { device: 'fw-inet' as Name, port: 'GigabitEthernet1/0/2' } },
  ];

  it('every interface: the status table each device prints has the oper and admin status SNMP reports', async () => {
    for (const name of DEVICES) await expectTableAgrees(name);
  });

  it('oper status: a link taken down through the control API is down at both ends in the CLI and in ifOperStatus, and up again', async () => {
    for (const link of LINKS) {
      for (const end of [link.a, link.b]) expect(await portView(end.device, end.port)).toEqual({ cli: 'up', snmp: 1 });
      await api('POST', '/links/state', { device: link.a.device, port: link.a.port, up: false });
      for (const end of [link.a, link.b]) expect(await portView(end.device, end.port), `${end.device} ${end.port}`).toEqual({ cli: 'down', snmp: 2 });
      // the rest of both tables still agrees with SNMP
      for (const end of [link.a, link.b]) expect((await expectTableAgrees(end.device)).get(end.port)).toBe('down');
      await api('POST', '/links/state', { device: link.b.device, port: link.b.port, up: true });
      for (const end of [link.a, link.b]) expect(await portView(end.device, end.port), `${end.device} ${end.port}`).toEqual({ cli: 'up', snmp: 1 });
    }
  });

  it('the detail view of a port agrees too (VRP `display interface`, RGOS `show interfaces`)', async () => {
    await api('POST', '/links/state', { device: 'core-1', port: 'GigabitEthernet1/0/1', up: false });
    const c1 = await cli('core-1');
    expect((await c1.lines('display interface GigabitEthernet1/0/1')).slice(0, 2)).toEqual([
      'GigabitEthernet1/0/1 current state : DOWN', 'Line protocol current state : DOWN',
    ]);
    const a = await cli('agg-a');
    expect((await a.lines('show interfaces GigabitEthernet 0/23'))[1]).toBe('GigabitEthernet 0/23 is DOWN  , line protocol is DOWN');
    await api('POST', '/links/state', { device: 'core-1', port: 'GigabitEthernet1/0/1', up: true });
    expect((await c1.lines('display interface GigabitEthernet1/0/1'))[0]).toBe('GigabitEthernet1/0/1 current state : UP');
    expect((await a.lines('show interfaces GigabitEthernet 0/23'))[1]).toBe('GigabitEthernet 0/23 is UP  , line protocol is UP');
    c1.close();
    a.close();
  });

  it('counters: the byte and packet counts the CLI prints equal ifHC*Octets/Pkts read in the same poll (fake clock: exactly)', async () => {
    const link = { device: 'core-1', port: 'GigabitEthernet1/0/1' };
    await api('POST', '/links/traffic', { ...link, out: 800e6, in: 200e6 });
    clock.advance(60_000); // one minute: core-1 sends 6e9 bytes (past 2^32), receives 1.5e9
    const c1 = await cli('core-1');
    const a = await cli('agg-a');
    const coreIdx = await ifIndexOf('core-1', 'GigabitEthernet1/0/1');
    const aggIdx = await ifIndexOf('agg-a', 'GigabitEthernet 0/23');

    const vrp = async () => {
      const text = (await c1.lines('display interface GigabitEthernet1/0/1')).join('\n');
      const input = /^Input: +(\d+) packets, (\d+) bytes$/m.exec(text)!;
      const output = /^Output: +(\d+) packets, (\d+) bytes$/m.exec(text)!;
      return { inPkts: Number(input[1]), inOctets: Number(input[2]), outPkts: Number(output[1]), outOctets: Number(output[2]), text };
    };
    const rgosView = async () => {
      const text = (await a.lines('show interfaces GigabitEthernet 0/23')).join('\n');
      const input = /^ +(\d+) packets input, (\d+) bytes/m.exec(text)!;
      const output = /^ +(\d+) packets output, (\d+) bytes/m.exec(text)!;
      return { inPkts: Number(input[1]), inOctets: Number(input[2]), outPkts: Number(output[1]), outOctets: Number(output[2]), text };
    };
    const snmpView = async (name: Name, idx: number) => {
      const v = (await snmpGet(name, [
        OID.ifHCInOctets, OID.ifHCOutOctets, OID.ifHCInUcastPkts, OID.ifHCInMulticastPkts, OID.ifHCInBroadcastPkts,
        OID.ifHCOutUcastPkts, OID.ifHCOutMulticastPkts, OID.ifHCOutBroadcastPkts, OID.ifInOctets, OID.ifOutOctets,
      ].map((o) => `${o}.${idx}`))) as number[];
      return { inOctets: v[0]!, outOctets: v[1]!, inPkts: v[2]! + v[3]! + v[4]!, outPkts: v[5]! + v[6]! + v[7]!, in32: v[8]!, out32: v[9]! };
    };

    const core = await vrp();
    const coreSnmp = await snmpView('core-1', coreIdx);
    expect(core.text).toContain('Last 300 seconds input rate 200000000 bits/sec');
    expect(core.text).toContain('Last 300 seconds output rate 800000000 bits/sec');
    expect({ inOctets: core.inOctets, outOctets: core.outOctets }).toEqual({ inOctets: 1_500_000_000, outOctets: 6_000_000_000 });
    expect(coreSnmp).toEqual({
      inOctets: core.inOctets, outOctets: core.outOctets, inPkts: core.inPkts, outPkts: core.outPkts,
      in32: 1_500_000_000, out32: 6_000_000_000 % 2 ** 32, // ifTable's Counter32 wraps, ifXTable's Counter64 does not
    });

    // the far end counts the same bytes the other way round
    const agg = await rgosView();
    const aggSnmp = await snmpView('agg-a', aggIdx);
    expect({ inOctets: agg.inOctets, outOctets: agg.outOctets }).toEqual({ inOctets: core.outOctets, outOctets: core.inOctets });
    expect(aggSnmp).toMatchObject({ inOctets: agg.inOctets, outOctets: agg.outOctets, inPkts: agg.inPkts, outPkts: agg.outPkts });

    // one more second: both views move by exactly rate · 1 s / 8
    clock.advance(1_000);
    const core2 = await vrp();
    expect(await snmpView('core-1', coreIdx)).toMatchObject({ inOctets: core2.inOctets, outOctets: core2.outOctets, inPkts: core2.inPkts, outPkts: core2.outPkts });
    expect([core2.inOctets - core.inOctets, core2.outOctets - core.outOctets]).toEqual([25_000_000, 100_000_000]);

    await api('POST', '/links/traffic', { ...link, bps: 0 });
    clock.advance(10_000);
    const idle = await vrp();
    expect(idle.outOctets).toBe(core2.outOctets);
    expect((await snmpView('core-1', coreIdx)).outOctets).toBe(core2.outOctets);
    c1.close();
    a.close();
  });
});

describe('VRRP failover (gw-area-a-oa, VRID 110: core-1 master at 120, tracking its uplink GigabitEthernet1/0/47 (−30), core-2 backup at 100, preempt delay 20 s)', () => {
  const VRID = 110;
  const UPLINK = { device: 'core-1', port: 'GigabitEthernet1/0/47' };

  async function cliState(name: Name): Promise<{ state: string; master?: string }> {
    const c = await cli(name);
    try {
      if (rgos(name)) {
        const lines = await c.lines('show vrrp brief');
        expect(lines[0]).toMatch(/^Interface +Grp +Pri +timer +Own +Pre +State +Master addr +Group addr$/);
        const row = lines.find((l) => l.slice(0, 26).trim() === 'VLAN 110')!;
        const [grp, , , , , state, master] = row.slice(26).trim().split(/\s+/);
        expect(grp).toBe(String(VRID));
        return { state: state!, master: master! };
      }
      const lines = await c.lines('display vrrp brief');
      const row = lines.map((l) => /^(\d+)\s+(\S+)\s+(\S+)/.exec(l)).find((m) => m?.[1] === String(VRID))!;
      expect(row[3]).toBe('Vlanif110');
      return { state: row[2]! };
    } finally {
      c.close();
    }
  }

  async function snmpState(name: Name): Promise<{ state: unknown; priority: unknown; master: string }> {
    const idx = await ifIndexOf(name, rgos(name) ? 'VLAN 110' : 'Vlanif110');
    const [state, priority, master] = await snmpGet(name, [OID.vrrpOperState, OID.vrrpOperPriority, OID.vrrpOperMasterIpAddr].map((o) => `${o}.${idx}.${VRID}`));
    return { state, priority, master: (master as number[]).join('.') };
  }

  const MASTER = 3;
  const BACKUP = 2;

  it('core-1 is Master and core-2 Backup, in both CLIs and in vrrpOperState', async () => {
    expect(await cliState('core-1')).toEqual({ state: 'Master' });
    expect(await cliState('core-2')).toEqual({ state: 'Backup', master: '10.54.10.2' });
    expect(await snmpState('core-1')).toEqual({ state: MASTER, priority: 120, master: '10.54.10.2' });
    expect(await snmpState('core-2')).toEqual({ state: BACKUP, priority: 100, master: '10.54.10.2' });
  });

  it('the tracked uplink going down hands the group to core-2 once the preemption delay has passed', async () => {
    await api('POST', '/links/state', { ...UPLINK, up: false });
    // core-1 runs at 90 now, but core-2 must wait out its 20 s preemption delay
    expect(await snmpState('core-1')).toEqual({ state: MASTER, priority: 90, master: '10.54.10.2' });
    expect(await cliState('core-2')).toEqual({ state: 'Backup', master: '10.54.10.2' });
    clock.advance(19_000);
    expect(await cliState('core-1')).toEqual({ state: 'Master' });
    expect((await snmpState('core-2')).state).toBe(BACKUP);
    clock.advance(1_000);
    expect(await cliState('core-2')).toEqual({ state: 'Master', master: '10.54.10.3' });
    expect(await cliState('core-1')).toEqual({ state: 'Backup' });
    expect(await snmpState('core-2')).toEqual({ state: MASTER, priority: 100, master: '10.54.10.3' });
    expect(await snmpState('core-1')).toEqual({ state: BACKUP, priority: 90, master: '10.54.10.3' });
  });

  it('the uplink back: core-1 (120 again) preempts after its own delay, and CLI and SNMP follow', async () => {
    await api('POST', '/links/state', { ...UPLINK, up: true });
    expect(await snmpState('core-1')).toEqual({ state: BACKUP, priority: 120, master: '10.54.10.3' });
    clock.advance(20_000);
    expect(await cliState('core-1')).toEqual({ state: 'Master' });
    expect(await cliState('core-2')).toEqual({ state: 'Backup', master: '10.54.10.2' });
    expect(await snmpState('core-1')).toEqual({ state: MASTER, priority: 120, master: '10.54.10.2' });
    expect(await snmpState('core-2')).toEqual({ state: BACKUP, priority: 100, master: '10.54.10.2' });
  });
});

describe('faults through the control API, seen over real SSH and SNMP', () => {
  const faults = (name: Name, body: Record<string, unknown>) => api('PUT', `/devices/${name}/faults`, body);
  const clear = (name: Name) => api('DELETE', `/devices/${name}/faults`);

  it('latencyMs delays every command; snmpLatencyMs every SNMP answer', async () => {
    const c = await cli('core-2');
    await faults('core-2', { latencyMs: 300, snmpLatencyMs: 300 });
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      expect(await c.lines('show clock')).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d UTC Wed, Apr 22, 2026$/)]);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(295);
    }
    const t0 = performance.now();
    expect(await snmpGet('core-2', [OID.sysName])).toEqual(['core-2']);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(295);
    await clear('core-2');
    c.close();
  });

  it('dropAfterCommands: the connection closes after the k-th command', async () => {
    await faults('agg-a', { dropAfterCommands: 3 });
    const c = await cli('agg-a'); // `terminal length 0` was command 1
    expect(await c.lines('show clock')).toHaveLength(1); // 2
    const gone = closed(c.client);
    c.shell.send('show clock\r'); // 3: answered, then the connection is cut
    await gone;
    expect(c.shell.closed).toBe(true);
    await clear('agg-a');
    const again = await cli('agg-a');
    for (let i = 0; i < 4; i++) expect(await again.lines('show clock')).toHaveLength(1);
    again.close();
  });

  it('rejectCommands: the device refuses the named command with its own error text, and only that one', async () => {
    await faults('fw-inet', { rejectCommands: ['display version'] });
    await faults('core-2', { rejectCommands: ['show version'] });
    const fw = await cli('fw-inet');
    expect(await fw.lines('display version')).toEqual(['Error: Failed to execute the command.']);
    expect((await fw.lines('display clock'))[0]).toMatch(/^2026-04-22 /);
    const c2 = await cli('core-2');
    expect(await c2.lines('show version')).toEqual(['% Failed to execute the command.']);
    expect(await c2.lines('show clock')).toHaveLength(1);
    await clear('fw-inet');
    await clear('core-2');
    expect((await fw.lines('display version'))[0]).toBe('Huawei Versatile Routing Platform Software');
    expect((await c2.lines('show version'))[0]).toMatch(/^System description +: Ruijie /);
    fw.close();
    c2.close();
  });

  it('refuseAuth: logins fail while it is set', async () => {
    await faults('core-1', { refuseAuth: true });
    await expect(connect(entry('core-1'), { password: PASSWORD })).rejects.toThrow(/authentication methods failed/);
    await clear('core-1');
    (await cli('core-1')).close();
  });

  it('altHostKey: a different host key (fingerprint) than the first connection saw, the usual one after', async () => {
    const first = await cli('core-2');
    await faults('core-2', { altHostKey: true });
    const during = await cli('core-2');
    await clear('core-2');
    const after = await cli('core-2');
    expect(fingerprint(during.hostKey)).not.toBe(fingerprint(first.hostKey));
    expect(fingerprint(after.hostKey)).toBe(fingerprint(first.hostKey));
    expect(during.hostKey.toString('base64')).toBe(lab.hostKey('core-2', true).split(' ')[1]);
    for (const c of [first, during, after]) c.close();
  });

  it('snmpSilent: SNMP times out while SSH still answers', async () => {
    await faults('agg-a', { snmpSilent: true });
    await expect(withSnmp('agg-a', (s) => get(s, OID.sysName), 300)).rejects.toThrow(/timed out|timeout/i);
    const c = await cli('agg-a');
    expect(await c.lines('show clock')).toHaveLength(1);
    c.close();
    await clear('agg-a');
    expect(await snmpGet('agg-a', [OID.sysName])).toEqual(['agg-a']);
  });

  it('device down: its sessions are cut, SSH and SNMP are unreachable, its neighbours see their links down; up again: all back', async () => {
    const session = await cli('fw-inet');
    const gone = closed(session.client);
    await api('POST', '/devices/fw-inet/state', { up: false });
    await gone;
    await expect(connect(entry('fw-inet'), { password: PASSWORD, readyTimeout: 1000 })).rejects.toThrow();
    await expect(withSnmp('fw-inet', (s) => get(s, OID.sysName), 300)).rejects.toThrow(/timed out|timeout/i);
    for (const [name, port] of [['core-1', 'GigabitEthernet1/0/46'], ['core-1', 'GigabitEthernet1/0/47'], ['core-2', 'GigabitEthernet 1/24']] as [Name, string][]) {
      expect(await portView(name, port), `${name} ${port}`).toEqual({ cli: 'down', snmp: 2 });
    }
    await api('POST', '/devices/fw-inet/state', { up: true });
    for (const [name, port] of [['core-1', 'GigabitEthernet1/0/47'], ['core-2', 'GigabitEthernet 1/24'], ['fw-inet', 'GigabitEthernet1/0/1']] as [Name, string][]) {
      expect(await portView(name, port), `${name} ${port}`).toEqual({ cli: 'up', snmp: 1 });
    }
    expect(await snmpGet('fw-inet', [OID.sysName, OID.sysUpTime])).toEqual(['fw-inet', 0]);
  });

  it('reboot: the unsaved change is lost, the saved one kept (CLI and ifAlias agree); uptime restarts', async () => {
    const PORT = 'GigabitEthernet 0/5';
    const idx = await ifIndexOf('agg-a', PORT);
    const c = await cli('agg-a');
    const describe = async (text: string) => {
      expect(await c.lines('configure terminal')).toEqual(['Enter configuration commands, one per line.  End with CNTL/Z.']);
      await c.lines(`interface ${PORT}`);
      expect(await c.lines(`description ${text}`)).toEqual([]);
      await c.lines('end');
    };
    await describe('saved-by-write');
    expect((await c.lines('write')).join('\n')).toMatch(/OK/);
    await describe('lost-on-reboot');
    expect(await c.lines(`show interfaces ${PORT}`)).toContain('Description: lost-on-reboot');
    expect(await snmpGet('agg-a', [`${OID.ifAlias}.${idx}`])).toEqual(['lost-on-reboot']);
    clock.advance(5_000);
    const [uptime] = await snmpGet('agg-a', [OID.sysUpTime]) as number[];
    expect(uptime).toBeGreaterThanOrEqual(500);

    const gone = closed(c.client);
    await api('POST', '/devices/agg-a/reboot');
    await gone;
    const after = await cli('agg-a');
    expect(await after.lines(`show interfaces ${PORT}`)).toContain('Description: saved-by-write');
    expect(await snmpGet('agg-a', [`${OID.ifAlias}.${idx}`, OID.sysUpTime])).toEqual(['saved-by-write', 0]);
    after.close();
  });
});
