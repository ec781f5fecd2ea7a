/**
 * startLab (address table, servers), the control API (faults, links, traffic, reboot) and
 * `dcnet lab up` / `dcnet lab down`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { startControlServer, type ControlServer } from '../../../src/lab/control.js';
import { type LabHandle, labAddress, startLab } from '../../../src/lab/index.js';
import { TOPOLOGIES, Terminal, topology } from './helpers.js';

/** SNMP on a port of this test process (many agents share a port, each on its own device address). */
const SNMP_PORT = 30000 + (process.pid % 20000);

describe('startLab', () => {
  it('numbers the devices 127.10.<i div 250>.<i mod 250 + 1>', () => {
    expect([labAddress(0), labAddress(1), labAddress(249), labAddress(250), labAddress(999)]).toEqual(['127.10.0.1', '127.10.0.2', '127.10.0.250', '127.10.1.1', '127.10.3.250']);
  });
});

describe('control API', () => {
  let lab: LabHandle;
  let control: ControlServer;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${control.url}${path}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
    return { status: res.status, body: await res.json() as Record<string, unknown> };
  };

  beforeAll(async () => {
    lab = await startLab(topology(TOPOLOGIES.provincial), { sshPort: 0, snmpPort: SNMP_PORT, configured: true, only: ['core-1', 'wan-agg-1'], env: {} });
    control = await startControlServer(lab);
  });
  afterAll(async () => {
    await control?.close();
    await lab?.stop();
  });

  it('serves the address table, with SSH and SNMP listening on each device address', async () => {
    const r = await api('GET', '/devices');
    const devices = r.body as unknown as { name: string; address: string; sshPort: number; snmpPort: number }[];
    expect(devices).toHaveLength(topology(TOPOLOGIES.provincial).devices.length);
    const core = devices.find((d) => d.name === 'core-1')!;
    expect(core.address).toBe('127.10.0.1');
    expect(core.sshPort).toBeGreaterThan(0);
    expect(core.snmpPort).toBe(SNMP_PORT);
  });

  it('sets and clears faults', async () => {
    const set = await api('PUT', '/devices/core-1/faults', { latencyMs: 50, rejectCommands: ['save'] });
    expect(set.status).toBe(200);
    expect(set.body.faults).toEqual({ latencyMs: 50, rejectCommands: ['save'] });
    expect(lab.network.device('core-1').faults.latencyMs).toBe(50);
    expect((await api('DELETE', '/devices/core-1/faults')).body.faults).toEqual({});
    expect((await api('PUT', '/devices/core-1/faults', { nonsense: 1 })).status).toBe(400);
    expect((await api('GET', '/devices/nowhere')).status).toBe(404);
  });

  it('takes links down, sets traffic, reboots', async () => {
    const t = new Terminal(lab.cli('core-1'));
    await t.start();
    await t.type('screen-length 0 temporary');
    const link = { device: 'core-1', port: 'XGigabitEthernet3/0/1' };
    expect((await api('POST', '/links/state', { ...link, up: false })).status).toBe(200);
    expect((await t.lines('display interface brief')).find((l) => l.startsWith('XGigabitEthernet3/0/1 '))).toMatch(/^XGigabitEthernet3\/0\/1\s+down\s+down/);
    await api('POST', '/links/state', { ...link, up: true });
    expect((await api('POST', '/links/traffic', { ...link, out: 5e9, in: 1e9 })).status).toBe(200);
    expect((await t.lines('display interface brief')).find((l) => l.startsWith('XGigabitEthernet3/0/1 '))).toBe('XGigabitEthernet3/0/1       up    up       10.00% 50.00%          0          0');
    await t.type('system-view');
    await t.type('sysname unsaved');
    expect((await api('POST', '/devices/core-1/reboot')).status).toBe(200);
    expect(t.closed).toBe('drop');
    expect(lab.network.device('core-1').running).toContain('sysname core-1\n');
    expect((await api('POST', '/devices/core-1/state', { up: false })).body.up).toBe(false);
    expect((await api('POST', '/devices/core-1/state', { up: true })).body.up).toBe(true);
  });
});

describe('dcnet lab up / down', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'dcnet-lab-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('boots a topology, prints the address table, and stops on `dcnet lab down`', async () => {
    const stateFile = join(dir, 'lab.json');
    process.env.DCNET_LAB_STATE = stateFile;
    try {
      let out = '';
      const io = { out: (s: string) => { out += `${s}\n`; }, err: (s: string) => { out += `ERR ${s}\n`; } };
      const up = main(['lab', 'up', TOPOLOGIES.usgLab, '--configured', '--ssh-port', '0', '--snmp-port', String(SNMP_PORT + 1)], io);
      for (let i = 0; i < 100 && !existsSync(stateFile); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(stateFile)).toBe(true);
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number; controlUrl: string };
      expect(state.pid).toBe(process.pid);
      expect(out).toMatch(/^lab usg-lab: 3 devices \(configured\)\nDEVICE +PLATFORM +MODEL +ADDRESS +SSH +SNMP\n/);
      expect(out).toMatch(/\nedge-1 +huawei-usg +USG6000 +127\.10\.0\.2 +\d+ +\d+\n/);
      expect(out).toContain(`control API: ${state.controlUrl}`);
      let downOut = '';
      expect(await main(['lab', 'down'], { out: (s) => { downOut += s; }, err: (s) => { downOut += s; } })).toBe(0);
      expect(await up).toBe(0);
      expect(out).toMatch(/lab stopped\n$/);
      expect(existsSync(stateFile)).toBe(false);
      expect(await main(['lab', 'down'], { out: () => undefined, err: () => undefined })).toBe(1);
    } finally {
      delete process.env.DCNET_LAB_STATE;
    }
  });
});
