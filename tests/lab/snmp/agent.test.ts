/** The SNMP agent over the wire with the project's own client library, snmp-native. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabNetwork, type LabNetwork } from '../../../src/lab/state/index.js';
import { compareOids, startSnmpAgent, type SnmpAgentHandle } from '../../../src/lab/snmp/index.js';
import { fakeClock, miniTopology } from '../state/fixtures.js';
import { get, getAll, getBulk, getNext, getSubtree, oidOf, openSession, set } from './client.js';

const COMMUNITY = 'lab-rw';
const clock = fakeClock();
let net: LabNetwork;
const agents = new Map<string, SnmpAgentHandle>();

beforeAll(async () => {
  net = createLabNetwork(miniTopology(), { clock: clock.now });
  let n = 1;
  for (const d of net.devices.values()) {
    agents.set(d.name, await startSnmpAgent(d, {
      address: `127.10.1.${n++}`, port: 0,
      communities: [{ name: COMMUNITY, access: 'rw' }, { name: 'lab-ro', access: 'ro' }],
    }));
  }
});

afterAll(async () => {
  await Promise.all([...agents.values()].map((a) => a.stop()));
});

function session(device: string, community = COMMUNITY, timeoutMs = 1000) {
  const a = agents.get(device)!;
  return openSession(a.address, a.port, community, timeoutMs);
}

async function withSession<T>(device: string, fn: (s: ReturnType<typeof session>) => Promise<T>, community?: string, timeoutMs?: number): Promise<T> {
  const s = session(device, community, timeoutMs);
  try {
    return await fn(s);
  } finally {
    s.close();
  }
}

describe('system group and IF-MIB', () => {
  it('answers Get for the system group', async () => {
    await withSession('hw-1', async (s) => {
      const vbs = await getAll(s, ['.1.3.6.1.2.1.1.1.0', '.1.3.6.1.2.1.1.2.0', '.1.3.6.1.2.1.1.3.0', '.1.3.6.1.2.1.1.5.0', '.1.3.6.1.2.1.1.7.0']);
      expect(vbs.map((v) => v.type)).toEqual([4, 6, 67, 4, 2]);
      expect(vbs[0]!.value).toBe(net.device('hw-1').sysDescr);
      expect((vbs[1]!.value as number[]).join('.')).toBe('1.3.6.1.4.1.2011.2.23.140');
      expect(vbs[3]!.value).toBe('hw-1');
    });
  });

  it('returns noSuchInstance / noSuchObject for what does not exist', async () => {
    await withSession('hw-1', async (s) => {
      expect((await get(s, '.1.3.6.1.2.1.2.2.1.2.9999'))[0]!.value).toBe('noSuchInstance');
      expect((await get(s, '.1.3.6.1.2.1.99.1.0'))[0]!.value).toBe('noSuchObject');
    });
  });

  it('walks ifDescr in order with GetNext, matching the state', async () => {
    await withSession('rj-1', async (s) => {
      const vbs = await getSubtree(s, '.1.3.6.1.2.1.2.2.1.2');
      const rj1 = net.device('rj-1');
      expect(vbs.map((v) => [v.oid.at(-1), v.value])).toEqual(rj1.interfaces().map((i) => [i.ifIndex, i.name]));
      expect(vbs.map((v) => v.value)).toContain('GigabitEthernet 0/1');
      const next = await getNext(s, '.1.3.6.1.2.1.31.1.1.1.1.4106');
      expect(next[0]!.value).toBe(rj1.interfaces().find((i) => i.ifIndex > 4106)!.ifName);
    });
  });

  it('GetBulk returns non-repeaters once, then rows of the repeaters', async () => {
    await withSession('hw-1', async (s) => {
      const vbs = await getBulk(s, ['.1.3.6.1.2.1.1.5', '.1.3.6.1.2.1.2.2.1.2', '.1.3.6.1.2.1.31.1.1.1.15'], 1, 4);
      expect(vbs).toHaveLength(1 + 4 * 2);
      expect(oidOf(vbs[0]!)).toBe('1.3.6.1.2.1.1.5.0');
      expect(vbs.slice(1).map(oidOf)).toEqual([
        '1.3.6.1.2.1.2.2.1.2.1', '1.3.6.1.2.1.31.1.1.1.15.1', '1.3.6.1.2.1.2.2.1.2.2', '1.3.6.1.2.1.31.1.1.1.15.2',
        '1.3.6.1.2.1.2.2.1.2.3', '1.3.6.1.2.1.31.1.1.1.15.3', '1.3.6.1.2.1.2.2.1.2.4', '1.3.6.1.2.1.31.1.1.1.15.4',
      ]);
      expect(vbs[7]!.value).toBe('MEth0/0/1');
    });
  });

  it('GetBulk past the end of the MIB gives endOfMibView, and truncates big answers instead of tooBig', async () => {
    await withSession('hw-1', async (s) => {
      const end = await getBulk(s, ['.1.3.6.1.4.1.2011.5.25.31.1.1.1.1.43.67108873'], 0, 3);
      expect(end.map((v) => v.value)).toEqual(['endOfMibView']);
      const big = await getBulk(s, ['.1.3.6.1.2.1.2.2.1.2'], 0, 5000);
      expect(big.length).toBeGreaterThan(100);
      expect(big.length).toBeLessThan(5000);
      for (let i = 1; i < big.length; i++) expect(compareOids(big[i - 1]!.oid, big[i]!.oid)).toBe(-1);
    });
  });

  it('serves 64-bit counters that grow with simulated traffic (Counter64 on the wire)', async () => {
    net.setTraffic({ device: 'up-1', port: 'XGigabitEthernet0/0/1' }, { out: 2e9, in: 1e9 });
    clock.advance(20_000);
    const ifIndex = net.device('hw-1').interface('XGigabitEthernet0/0/1')!.ifIndex;
    await withSession('hw-1', async (s) => {
      const [hcIn, hcOut, speed, in32] = await getAll(s, [
        `.1.3.6.1.2.1.31.1.1.1.6.${ifIndex}`, `.1.3.6.1.2.1.31.1.1.1.10.${ifIndex}`, `.1.3.6.1.2.1.31.1.1.1.15.${ifIndex}`, `.1.3.6.1.2.1.2.2.1.10.${ifIndex}`,
      ]);
      expect(hcIn!.type).toBe(0x46);
      expect(hcIn!.value).toBe(5_000_000_000); // 2 Gb/s · 20 s / 8
      expect(hcOut!.value).toBe(2_500_000_000);
      expect(speed).toMatchObject({ type: 0x42, value: 10000 });
      expect(in32).toMatchObject({ type: 0x41, value: 5_000_000_000 % 2 ** 32 });
      clock.advance(1_000);
      const [again] = await get(s, `.1.3.6.1.2.1.31.1.1.1.6.${ifIndex}`);
      expect(again!.value).toBe(5_250_000_000);
    });
  });
});

describe('link state over SNMP', () => {
  it('a link down shows as ifOperStatus down at both ends', async () => {
    const hwIdx = net.device('hw-1').interface('GigabitEthernet0/0/1')!.ifIndex;
    const rjIdx = net.device('rj-1').interface('GigabitEthernet 0/1')!.ifIndex;
    const oper = (device: string, idx: number) => withSession(device, async (s) => (await get(s, `.1.3.6.1.2.1.2.2.1.8.${idx}`))[0]!.value);
    expect(await oper('hw-1', hwIdx)).toBe(1);
    net.setLinkState({ device: 'hw-1', port: 'GigabitEthernet0/0/1' }, false);
    expect(await oper('hw-1', hwIdx)).toBe(2);
    expect(await oper('rj-1', rjIdx)).toBe(2);
    expect(net.device('rj-1').operUp('GigabitEthernet 0/1')).toBe(false);
    net.setLinkState({ device: 'hw-1', port: 'GigabitEthernet0/0/1' }, true);
    expect(await oper('rj-1', rjIdx)).toBe(1);
  });

  it('SET ifAdminStatus down takes the link down (far end oper down), with read-back', async () => {
    const hwIdx = net.device('hw-1').interface('GigabitEthernet0/0/1')!.ifIndex;
    const rjIdx = net.device('rj-1').interface('GigabitEthernet 0/1')!.ifIndex;
    await withSession('rj-1', async (s) => {
      await set(s, `.1.3.6.1.2.1.2.2.1.7.${rjIdx}`, 2, 2);
      expect((await get(s, `.1.3.6.1.2.1.2.2.1.7.${rjIdx}`))[0]!.value).toBe(2);
      expect((await get(s, `.1.3.6.1.2.1.2.2.1.8.${rjIdx}`))[0]!.value).toBe(2);
    });
    expect(net.device('hw-1').operUp('GigabitEthernet0/0/1')).toBe(false);
    await withSession('hw-1', async (s) => expect((await get(s, `.1.3.6.1.2.1.2.2.1.8.${hwIdx}`))[0]!.value).toBe(2));
    await withSession('rj-1', (s) => set(s, `.1.3.6.1.2.1.2.2.1.7.${rjIdx}`, 2, 1));
    expect(net.device('hw-1').operUp('GigabitEthernet0/0/1')).toBe(true);
  });

  it('SET ifAlias changes the description and reads back; bad SETs are refused', async () => {
    const idx = net.device('hw-1').interface('GigabitEthernet0/0/5')!.ifIndex;
    await withSession('hw-1', async (s) => {
      await set(s, `.1.3.6.1.2.1.31.1.1.1.18.${idx}`, 4, 'to server rack 5');
      expect((await get(s, `.1.3.6.1.2.1.31.1.1.1.18.${idx}`))[0]!.value).toBe('to server rack 5');
      await expect(set(s, `.1.3.6.1.2.1.2.2.1.8.${idx}`, 2, 2)).rejects.toThrow(); // ifOperStatus: notWritable
      await expect(set(s, `.1.3.6.1.2.1.2.2.1.7.${idx}`, 2, 3)).rejects.toThrow(); // testing: wrongValue
    });
    expect(net.device('hw-1').interfaceConfig('GigabitEthernet0/0/5').description).toBe('to server rack 5');
    await withSession('hw-1', async (s) => {
      await expect(set(s, `.1.3.6.1.2.1.31.1.1.1.18.${idx}`, 4, 'x')).rejects.toThrow(/NoAccess/i);
    }, 'lab-ro');
  });
});

describe('VRRP-MIB, CPU and memory', () => {
  it('vrrpOperTable agrees with the state', async () => {
    const hw1 = net.device('hw-1');
    const idx = hw1.interface('Vlanif10')!.ifIndex;
    const g = hw1.vrrpGroups().find((x) => x.vrid === 10)!;
    await withSession('hw-1', async (s) => {
      const [state, prio, master, primary] = await getAll(s, [
        `.1.3.6.1.2.1.68.1.3.1.3.${idx}.10`, `.1.3.6.1.2.1.68.1.3.1.5.${idx}.10`, `.1.3.6.1.2.1.68.1.3.1.7.${idx}.10`, `.1.3.6.1.2.1.68.1.3.1.8.${idx}.10`,
      ]);
      expect(state!.value).toBe({ Initialize: 1, Backup: 2, Master: 3 }[g.state]);
      expect(prio!.value).toBe(g.runningPriority);
      expect((master!.value as number[]).join('.')).toBe(g.masterIp);
      expect((primary!.value as number[]).join('.')).toBe('10.0.10.2');
      const asso = await getNext(s, `.1.3.6.1.2.1.68.1.4.1.2.${idx}.10`);
      expect(oidOf(asso[0]!)).toBe(`1.3.6.1.2.1.68.1.4.1.2.${idx}.10.10.0.10.1`);
    });
    const rjIdx = net.device('rj-1').interface('VLAN 10')!.ifIndex;
    await withSession('rj-1', async (s) => {
      expect((await get(s, `.1.3.6.1.2.1.68.1.3.1.3.${rjIdx}.10`))[0]!.value).toBe(2);
    });
  });

  it('serves Huawei hwEntity CPU/memory and Ruijie CPU/memory objects', async () => {
    const hw1 = net.device('hw-1');
    hw1.setLoad({ cpuPercent: 44, memoryPercent: 9 });
    await withSession('hw-1', async (s) => {
      const [cpu, mem, oper] = await getAll(s, [
        '.1.3.6.1.4.1.2011.5.25.31.1.1.1.1.5.67108873', '.1.3.6.1.4.1.2011.5.25.31.1.1.1.1.7.67108873', '.1.3.6.1.4.1.2011.5.25.31.1.1.1.1.2.67108873',
      ]);
      expect([cpu!.value, mem!.value, oper!.value]).toEqual([44, 9, 3]);
    });
    const rj1 = net.device('rj-1');
    await withSession('rj-1', async (s) => {
      const [cpu5s, pool] = await getAll(s, ['.1.3.6.1.4.1.4881.1.1.10.2.36.1.1.1.0', '.1.3.6.1.4.1.4881.1.1.10.2.35.1.1.1.3.1']);
      expect(cpu5s!.value).toBe(rj1.cpuPercent);
      expect(pool!.value).toBe(rj1.memoryPercent);
    });
  });
});

describe('silence, as real agents', () => {
  it('a wrong community gets no answer', async () => {
    const t0 = Date.now();
    await withSession('hw-1', (s) => expect(get(s, '.1.3.6.1.2.1.1.5.0')).rejects.toThrow('Timeout'), 'not-the-community', 300);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(agents.get('hw-1')!.stats.rejected).toBeGreaterThan(0);
  });

  it('snmpSilent and a down device get no answer; snmpLatencyMs delays it', async () => {
    const hw2 = net.device('hw-2');
    hw2.setFaults({ snmpSilent: true });
    await withSession('hw-2', (s) => expect(get(s, '.1.3.6.1.2.1.1.5.0')).rejects.toThrow('Timeout'), COMMUNITY, 300);
    hw2.setFaults({ snmpSilent: false, snmpLatencyMs: 150 });
    const t0 = Date.now();
    await withSession('hw-2', async (s) => expect((await get(s, '.1.3.6.1.2.1.1.5.0'))[0]!.value).toBe('hw-2'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
    hw2.clearFaults();
    net.setDeviceState('hw-2', false);
    await withSession('hw-2', (s) => expect(get(s, '.1.3.6.1.2.1.1.5.0')).rejects.toThrow('Timeout'), COMMUNITY, 300);
    net.setDeviceState('hw-2', true);
    await withSession('hw-2', async (s) => expect((await get(s, '.1.3.6.1.2.1.1.3.0'))[0]!.value).toBe(0));
  });
});
