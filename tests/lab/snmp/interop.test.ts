/**
 * Interop with the real net-snmp command-line tools (Debian package `snmp`): snmpget, snmpwalk,
 * snmpbulkwalk, snmpset, v2c and v3 USM. .ci/run installs the package; without it these tests
 * fail (never skip), so a missing install step shows.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabNetwork, type LabNetwork } from '../../../src/lab/state/index.js';
import { parseSnmprec, startSnmpAgent, type SnmpAgentHandle } from '../../../src/lab/snmp/index.js';
import { deviceFixture } from '../../support/device-fixtures.js';
import { fakeClock, miniTopology } from '../state/fixtures.js';

const exec = promisify(execFile);
const HAVE_TOOLS = spawnSync('snmpbulkwalk', ['-V'], { stdio: 'ignore' }).status === 0;
const RECORDINGS = deviceFixture('snmprec/librenms');

it('has the net-snmp tools (Debian package snmp, installed by .ci/run)', () => {
  expect(HAVE_TOOLS, 'apt-get install -y snmp').toBe(true);
});

interface Line { oid: string; type: string; value: string }

/** Parse `-On -Oe -Ot` output: `.1.3.6... = TYPE: value` (values on one line here). */
function parse(out: string): Line[] {
  const lines: Line[] = [];
  for (const l of out.split('\n')) {
    const m = /^(\.[0-9.]+) = (?:([A-Za-z0-9-]+): )?(.*)$/.exec(l);
    if (m) lines.push({ oid: m[1]!, type: m[2] ?? '', value: m[3]!.replace(/^"|"$/g, '') });
  }
  return lines;
}

async function tool(cmd: string, args: string[]): Promise<string> {
  const { stdout } = await exec(cmd, ['-On', '-Oe', '-Ot', ...args], { timeout: 15_000 });
  return stdout;
}

describe('net-snmp tools against the lab agent', () => {
  const clock = fakeClock();
  let net: LabNetwork;
  let hw1: SnmpAgentHandle;
  let rj1: SnmpAgentHandle;
  const target = (a: SnmpAgentHandle) => `${a.address}:${a.port}`;

  beforeAll(async () => {
    net = createLabNetwork(miniTopology(), { clock: clock.now });
    const v3Users = [{ name: 'ops', level: 'authPriv' as const, authProtocol: 'sha' as const, authKey: 'auth-secret-1', privProtocol: 'aes' as const, privKey: 'priv-secret-1' }];
    hw1 = await startSnmpAgent(net.device('hw-1'), { address: '127.10.2.1', port: 0, community: 'interop', v3Users });
    rj1 = await startSnmpAgent(net.device('rj-1'), { address: '127.10.2.2', port: 0, community: 'interop' });
    net.setTraffic({ device: 'hw-1', port: 'Eth-Trunk1' }, { out: 1.6e9, in: 0.4e9 });
    clock.advance(3_600_000); // an hour: the trunk's counters pass 2^32
  });

  afterAll(async () => {
    await hw1?.stop();
    await rj1?.stop();
  });

  it('snmpbulkwalk of ifXTable parses and agrees with the state', async () => {
    const lines = parse(await tool('snmpbulkwalk', ['-v2c', '-c', 'interop', '-Cr25', target(hw1), '1.3.6.1.2.1.31.1.1.1']));
    const d = net.device('hw-1');
    const at = (col: number, idx: number) => lines.find((l) => l.oid === `.1.3.6.1.2.1.31.1.1.1.${col}.${idx}`);
    expect(lines.length).toBe(19 * d.interfaces().length);
    for (const i of d.interfaces()) {
      const c = d.counters(i.name);
      expect(at(1, i.ifIndex)).toMatchObject({ type: 'STRING', value: i.ifName });
      expect(at(6, i.ifIndex)).toMatchObject({ type: 'Counter64', value: c.inOctets.toString() });
      expect(at(10, i.ifIndex)).toMatchObject({ type: 'Counter64', value: c.outOctets.toString() });
      expect(at(15, i.ifIndex)).toMatchObject({ type: 'Gauge32', value: String(d.speedBps(i.name) / 1e6) });
      expect(at(18, i.ifIndex)!.value).toBe(d.interfaceConfig(i.name).description);
    }
    const trunk = d.interface('Eth-Trunk1')!.ifIndex;
    expect(at(10, trunk)!.value).toBe('720000000000'); // 1.6 Gb/s for an hour
    expect(at(15, trunk)!.value).toBe('2000');
  });

  it('snmpwalk (GetNext) of ifTable agrees with the state for a Ruijie box', async () => {
    const lines = parse(await tool('snmpwalk', ['-v2c', '-c', 'interop', target(rj1), '1.3.6.1.2.1.2.2.1']));
    const d = net.device('rj-1');
    for (const i of d.interfaces()) {
      const descr = lines.find((l) => l.oid === `.1.3.6.1.2.1.2.2.1.2.${i.ifIndex}`)!;
      const oper = lines.find((l) => l.oid === `.1.3.6.1.2.1.2.2.1.8.${i.ifIndex}`)!;
      expect(descr.value).toBe(i.name);
      expect(oper.value).toBe(d.operUp(i.name) ? '1' : '2');
    }
    expect(lines.find((l) => l.oid === '.1.3.6.1.2.1.2.2.1.2.1')!.value).toBe('GigabitEthernet 0/1');
  });

  it('snmpset ifAdminStatus down takes the far end down', async () => {
    const idx = net.device('rj-1').interface('GigabitEthernet 0/1')!.ifIndex;
    await tool('snmpset', ['-v2c', '-c', 'interop', target(rj1), `1.3.6.1.2.1.2.2.1.7.${idx}`, 'i', '2']);
    expect(net.device('hw-1').operUp('GigabitEthernet0/0/1')).toBe(false);
    const hwIdx = net.device('hw-1').interface('GigabitEthernet0/0/1')!.ifIndex;
    const out = parse(await tool('snmpget', ['-v2c', '-c', 'interop', target(hw1), `1.3.6.1.2.1.2.2.1.8.${hwIdx}`]));
    expect(out[0]!.value).toBe('2');
    await tool('snmpset', ['-v2c', '-c', 'interop', target(rj1), `1.3.6.1.2.1.2.2.1.7.${idx}`, 'i', '1']);
    expect(net.device('hw-1').operUp('GigabitEthernet0/0/1')).toBe(true);
  });

  it('answers SNMPv3 authPriv (SHA/AES) and ignores a wrong community', async () => {
    const out = parse(await tool('snmpget', [
      '-v3', '-l', 'authPriv', '-u', 'ops', '-a', 'SHA', '-A', 'auth-secret-1', '-x', 'AES', '-X', 'priv-secret-1',
      target(hw1), '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.31.1.1.1.6.6',
    ]));
    expect(out.map((l) => l.value)).toEqual(['hw-1', net.device('hw-1').counters('GigabitEthernet0/0/1').inOctets.toString()]);
    await expect(tool('snmpget', ['-v2c', '-c', 'wrong', '-t', '0.3', '-r', '0', target(hw1), '1.3.6.1.2.1.1.5.0'])).rejects.toThrow(/Timeout/);
  });
});

describe('an snmprec-backed device', () => {
  const file = resolve(RECORDINGS, 'vrp_5720.snmprec');
  let agent: SnmpAgentHandle;

  beforeAll(async () => {
    agent = await startSnmpAgent(null, { address: '127.10.2.3', port: 0, community: 'vrp_5720', snmprecFile: file });
  });

  afterAll(async () => {
    await agent?.stop();
  });

  it('snmpbulkwalk returns every recorded OID, in file order, with the recorded values', async () => {
    const out = await tool('snmpbulkwalk', ['-v2c', '-c', 'vrp_5720', '-Cr50', `${agent.address}:${agent.port}`, '.1']);
    const walked = parse(out).filter((l) => !l.value.startsWith('No more variables'));
    const recorded = parseSnmprec(readFileSync(file));
    expect(walked.map((l) => l.oid)).toEqual(recorded.map((e) => `.${e.oid.join('.')}`));
    const value = (oid: string) => walked.find((l) => l.oid === oid)!;
    expect(value('.1.3.6.1.2.1.1.2.0').value).toBe('.1.3.6.1.4.1.2011.2.23.291');
    expect(value('.1.3.6.1.2.1.31.1.1.1.1.8')).toMatchObject({ type: 'STRING', value: 'GigabitEthernet0/0/3' });
    expect(value('.1.3.6.1.2.1.31.1.1.1.6.55')).toMatchObject({ type: 'Counter64', value: '28077024' });
    expect(value('.1.3.6.1.2.1.31.1.1.1.15.55')).toMatchObject({ type: 'Gauge32', value: '10000' });
    expect(value('.1.3.6.1.4.1.2011.5.25.31.1.1.1.1.5.67108873')).toMatchObject({ type: 'INTEGER', value: '44' });
    expect(value('.1.3.6.1.4.1.2011.5.25.31.1.1.1.1.7.67108873').value).toBe('9');
    expect(value('.1.3.6.1.2.1.1.3.0').value).toBe('28156805');
  });

  it('serves binary and multi-line values byte for byte', async () => {
    const out = await tool('snmpget', ['-v2c', '-c', 'vrp_5720', '-Ox', `${agent.address}:${agent.port}`, '1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.2.2.1.6.5']);
    const hex = out.replace(/^.*?Hex-STRING: /gm, '').replace(/\s+/g, '').toLowerCase();
    const text = readFileSync(file, 'latin1');
    const descr = /^1\.3\.6\.1\.2\.1\.1\.1\.0\|4x\|([0-9a-f]+)$/im.exec(text)![1]!.toLowerCase();
    expect(hex.startsWith(descr)).toBe(true);
    expect(hex.endsWith('488eef7166e2')).toBe(true);
    const missing = await tool('snmpget', ['-v2c', '-c', 'vrp_5720', `${agent.address}:${agent.port}`, '1.3.6.1.2.1.2.2.1.5.5']);
    expect(missing).toMatch(/No Such Instance/);
  });
});
