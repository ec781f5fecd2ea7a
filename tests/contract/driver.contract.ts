/**
 * The driver contract, written once and run per platform against the lab (NAPALM's
 * `napalm/base/test/getters.py`): facts, running configuration, every getter (valid shapes and the
 * topology's facts), apply + read back with the render module's own planDiff output, rollback,
 * save, and the lab's faults — dropped connection mid-batch, rejected command, refused login,
 * changed host key, slow device — each with its own typed error and the session pool left clean.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { Value } from '@sinclair/typebox/value';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  FactsSchema, InterfaceInfoSchema, LagInfoSchema, LldpNeighborSchema, MemoryHostKeyStore, SessionPool, VpnInstanceInfoSchema, VrrpInfoSchema,
  credentialsFor, getDriver, type DeviceDriver, type DriverOptions, type HostKeyStore,
} from '../../src/drivers/index.js';
import { type LabHandle, startLab } from '../../src/lab/index.js';
import { type Platform, type Topology, loadTopology } from '../../src/model/index.js';
import { planDiff, renderDevice } from '../../src/render/index.js';
import { caught } from '../support/driver-errors.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PROVINCIAL = join(ROOT, 'topology/provincial-dc');
const PASSWORD = 'contract-pass-1';

export interface HostKeyBackend {
  store: HostKeyStore;
  close(): Promise<void>;
}

export interface ContractTarget {
  platform: Platform;
  /** A device of the platform in the provincial topology (it should have ports, a LAG, VRRP, VPNs where the platform has them). */
  device: string;
  /** Where host keys are recorded (default: in memory). */
  hostKeys?: () => Promise<HostKeyBackend>;
}

/** Normalised interface name: `GigabitEthernet 0/1` = `GigabitEthernet0/1`. */
const norm = (n: string): string => n.replace(/\s+/g, '').toLowerCase();

/** The rendered configuration with the first `n` interface descriptions replaced. */
export function withNewDescriptions(text: string, n: number, tag: string): { text: string; changed: { iface: string; description: string }[] } {
  const changed: { iface: string; description: string }[] = [];
  let section = '';
  const lines = text.split('\n').map((line) => {
    if (/^\S/.test(line)) section = line;
    if (changed.length < n && section.startsWith('interface ') && /^ description /.test(line)) {
      const description = `${tag}-${changed.length + 1}`;
      changed.push({ iface: section.slice('interface '.length), description });
      return ` description ${description}`;
    }
    return line;
  });
  return { text: lines.join('\n'), changed };
}

export function registerDriverContract(target: ContractTarget): void {
  const { platform, device } = target;

  describe(`${platform} driver contract (lab device ${device})`, () => {
    let lab: LabHandle;
    let topology: Topology;
    let backend: HostKeyBackend;
    let pool: SessionPool;
    let secretsDir: string;
    let original: string;
    const env: NodeJS.ProcessEnv = {};
    const open: DeviceDriver[] = [];

    const labDevice = () => lab.network.device(device);
    const entry = () => lab.devices.find((d) => d.name === device)!;

    function options(extra: Partial<DriverOptions> = {}): DriverOptions {
      return {
        device,
        host: entry().address,
        port: entry().sshPort,
        credentials: credentialsFor(topology, device, { env, baseDir: secretsDir }),
        hostKeys: backend.store,
        pool,
        logger: pino({ level: 'silent' }),
        ...extra,
      };
    }

    async function driver(extra: Partial<DriverOptions> = {}): Promise<DeviceDriver> {
      const d = getDriver(platform, options(extra));
      open.push(d);
      await d.open();
      return d;
    }

    function expectPoolClean(): void {
      expect(pool.stats()).toEqual({ open: 0, waiting: 0, locked: 0, lockWaiting: 0, sessions: 0 });
    }

    async function expectLabSessionsGone(): Promise<void> {
      // The device side closes its CLI session when the connection goes: wait for it (bounded).
      for (let i = 0; i < 50 && lab.cli(device).sessionCount > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(lab.cli(device).sessionCount).toBe(0);
    }

    beforeAll(async () => {
      const loaded = loadTopology(PROVINCIAL).topology!;
      // Secrets: environment variables and a secrets file, never in the topology files.
      secretsDir = mkdtempSync(join(tmpdir(), 'dcnet-contract-'));
      writeFileSync(join(secretsDir, 'secrets.yaml'), `usg_password: ${PASSWORD}\n`);
      topology = {
        ...loaded,
        credentials: (loaded.credentials ?? []).map((c) => ({
          ...c,
          ...(c.password?.startsWith('file:') ? { password: `file:${join(secretsDir, 'secrets.yaml')}#usg_password` } : {}),
        })),
      };
      for (const c of topology.credentials ?? []) if (c.password?.startsWith('env:')) env[c.password.slice(4)] = PASSWORD;
      lab = await startLab(topology, { sshPort: 0, snmp: false, only: [device], configured: true, env });
      backend = target.hostKeys ? await target.hostKeys() : { store: new MemoryHostKeyStore(), close: async () => undefined };
      pool = new SessionPool({ maxSessions: 8, lockTimeoutMs: 5_000 });
      original = renderDevice(topology, device);
    });

    afterEach(async () => {
      for (const d of open.splice(0)) await d.close();
      labDevice().setFaults({ latencyMs: undefined, dropAfterCommands: undefined, rejectCommands: undefined, refuseAuth: undefined, altHostKey: undefined });
      // Each test starts from the booted configuration, whatever the previous one left.
      const plan = planDiff({ platform, running: labDevice().running, intended: original, device });
      if (plan.changed) {
        const fix = getDriver(platform, options());
        await fix.open();
        try { await fix.applyCommands(plan.commands); } finally { await fix.close(); }
      }
    });

    afterAll(async () => {
      expectPoolClean();
      await lab?.stop();
      await backend?.close();
      if (secretsDir) rmSync(secretsDir, { recursive: true, force: true });
    });

    it('is the platform\'s driver', async () => {
      const d = getDriver(platform, options());
      expect(d.platform).toBe(platform);
      await expect(d.getFacts()).rejects.toMatchObject({ code: 'DRIVER_CLOSED' });
    });

    it('getFacts: vendor, model, hostname of the topology', async () => {
      const d = await driver();
      const facts = await d.getFacts();
      expect(Value.Check(FactsSchema, facts), JSON.stringify([...Value.Errors(FactsSchema, facts)])).toBe(true);
      const dev = topology.devices.find((x) => x.name === device)!;
      expect(facts).toMatchObject({ vendor: dev.vendor, model: dev.model, hostname: device });
      expect(facts.osVersion).not.toBe('');
    });

    it('getRunningConfig: the configuration the device booted with (no diff against the rendered one)', async () => {
      const d = await driver();
      const running = await d.getRunningConfig();
      expect(running).not.toMatch(/\x1b|---- More ----|--More--/);
      expect(running.split('\n')[0]).not.toContain('display');
      const plan = planDiff({ platform, running, intended: original, device });
      expect(plan.commands).toEqual([]);
      expect(plan.changed).toBe(false);
    });

    it('getInterfaces: every topology port, in the uniform shape', async () => {
      const d = await driver();
      const ifs = await d.getInterfaces();
      for (const i of ifs) expect(Value.Check(InterfaceInfoSchema, i), JSON.stringify(i)).toBe(true);
      const names = new Set(ifs.map((i) => norm(i.name)));
      const dev = topology.devices.find((x) => x.name === device)!;
      for (const p of dev.ports ?? []) expect(names.has(norm(p.name)), p.name).toBe(true);
      const lagMember = dev.lags?.[0]?.members[0];
      if (lagMember) expect(ifs.find((i) => norm(i.name) === norm(lagMember))?.lag).toBeTruthy();
    });

    it('getLags: the topology\'s LAGs and members', async () => {
      const d = await driver();
      const lags = await d.getLags();
      for (const l of lags) expect(Value.Check(LagInfoSchema, l), JSON.stringify(l)).toBe(true);
      const dev = topology.devices.find((x) => x.name === device)!;
      for (const want of dev.lags ?? []) {
        const got = lags.find((l) => l.id === want.id);
        expect(got, `LAG ${want.id}`).toBeDefined();
        expect(got!.mode).toBe(want.mode === 'static' ? 'static' : 'lacp');
        expect(got!.members.map((m) => norm(m.port)).sort()).toEqual(want.members.map(norm).sort());
      }
    });

    it('getLldpNeighbors: the far end of every topology link', async () => {
      const d = await driver();
      const neighbors = await d.getLldpNeighbors();
      for (const n of neighbors) expect(Value.Check(LldpNeighborSchema, n), JSON.stringify(n)).toBe(true);
      const links = (topology.links ?? []).filter((l) => l.a.device === device || l.b.device === device);
      for (const l of links) {
        const [here, there] = l.a.device === device ? [l.a, l.b] : [l.b, l.a];
        expect(neighbors.some((n) => norm(n.localPort) === norm(here.port) && n.neighborName === there.device), `${here.port} → ${there.device}`).toBe(true);
      }
    });

    it('getVrrp: the topology\'s groups on this device', async () => {
      const d = await driver();
      const groups = await d.getVrrp();
      for (const g of groups) expect(Value.Check(VrrpInfoSchema, g), JSON.stringify(g)).toBe(true);
      for (const want of (topology.vrrp ?? []).filter((g) => g.members.some((m) => m.device === device))) {
        const got = groups.find((g) => g.group === want.vrid && g.virtualIp === want.virtualIp);
        expect(got, `VRRP ${want.vrid}`).toBeDefined();
        expect(['master', 'backup']).toContain(got!.state);
      }
    });

    it('getVpnInstances: the instances the device\'s interfaces use', async () => {
      const d = await driver();
      const vpns = await d.getVpnInstances();
      for (const v of vpns) expect(Value.Check(VpnInstanceInfoSchema, v), JSON.stringify(v)).toBe(true);
      const dev = topology.devices.find((x) => x.name === device)!;
      const wanted = new Set((dev.svis ?? []).map((s) => s.vpn).filter((v): v is string => !!v));
      const names = new Set(vpns.map((v) => v.name));
      for (const w of wanted) expect(names.has(w), w).toBe(true);
      const inConfig = (original.match(/^ip (?:vpn-instance|vrf) (\S+)/gm) ?? []).map((l) => l.split(' ')[2]);
      for (const n of inConfig) expect(names.has(n!), n).toBe(true);
    });

    it('applyCommands: planDiff\'s commands as they are, read back identical, then rolled back', async () => {
      const d = await driver();
      const running = await d.getRunningConfig();
      const { text: intended, changed } = withNewDescriptions(original, 3, 'contract');
      const plan = planDiff({ platform, running, intended, device });
      expect(plan.changed).toBe(true);
      const results = await d.applyCommands(plan.commands);
      expect(results.map((r) => r.command)).toEqual(plan.commands.map((c) => c.trim()).filter(Boolean));
      expect(results.every((r) => r.ok)).toBe(true);
      const after = await d.getRunningConfig();
      expect(planDiff({ platform, running: after, intended, device }).changed).toBe(false);
      const ifs = await d.getInterfaces();
      for (const c of changed) expect(ifs.find((i) => norm(i.name) === norm(c.iface))?.description).toBe(c.description);
      await d.applyCommands(plan.rollback);
      expect(planDiff({ platform, running: await d.getRunningConfig(), intended: original, device }).changed).toBe(false);
    });

    it('save: the running configuration becomes the saved one', async () => {
      const d = await driver();
      const { text: intended } = withNewDescriptions(original, 1, 'saved');
      const plan = planDiff({ platform, running: await d.getRunningConfig(), intended, device });
      await d.applyCommands(plan.commands);
      expect(labDevice().saved).not.toBe(labDevice().running);
      await d.save();
      expect(labDevice().saved).toBe(labDevice().running);
      await d.applyCommands(plan.rollback);
      await d.save();
    });

    it('one configuring session per device: a second waits, then DRIVER_BUSY; reads are never blocked', async () => {
      const a = await driver();
      const b = await driver({ timeouts: { lockMs: 200 } });
      const { text: intended } = withNewDescriptions(original, 1, 'lock');
      const plan = planDiff({ platform, running: await a.getRunningConfig(), intended, device });
      await a.applyCommands(plan.commands);
      const err = await caught(b.applyCommands(plan.rollback));
      expect(err.code).toBe('DRIVER_BUSY');
      expect((await b.getFacts()).hostname).toBe(device);
      await a.close();
      await b.applyCommands(planDiff({ platform, running: await b.getRunningConfig(), intended: original, device }).commands);
      expect(planDiff({ platform, running: await b.getRunningConfig(), intended: original, device }).changed).toBe(false);
    });

    describe('lab faults', () => {
      it('rejected command: DRIVER_COMMAND_REJECTED naming it, its position and the message; the batch stops; the session goes on', async () => {
        const d = await driver();
        const { text: intended } = withNewDescriptions(original, 3, 'reject');
        const plan = planDiff({ platform, running: await d.getRunningConfig(), intended, device });
        const bad = plan.commands[3]!.trim();
        labDevice().setFaults({ rejectCommands: [bad] });
        const err = await caught(d.applyCommands(plan.commands));
        expect(err.code).toBe('DRIVER_COMMAND_REJECTED');
        expect(err.details).toMatchObject({ command: bad, position: 4, index: 3, total: plan.commands.length });
        expect(String(err.details!.message)).toMatch(/^(?:Error: |% )Failed to execute the command\.$/);
        const results = err.details!.results as { ok: boolean }[];
        expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
        labDevice().setFaults({ rejectCommands: undefined });
        // Back in the top mode: reads and a corrected batch work on the same session.
        expect((await d.getFacts()).hostname).toBe(device);
        await d.applyCommands(planDiff({ platform, running: await d.getRunningConfig(), intended: original, device }).commands);
        expect(planDiff({ platform, running: await d.getRunningConfig(), intended: original, device }).changed).toBe(false);
        await d.close();
        expectPoolClean();
      });

      it('connection dropped mid-batch: DRIVER_DISCONNECTED with the commands completed; pool clean', async () => {
        // The lab counts commands per session: 1 to prepare the session, then the batch's.
        labDevice().setFaults({ dropAfterCommands: 1 + 3 });
        const d = await driver();
        const { text: intended } = withNewDescriptions(original, 3, 'drop');
        const plan = planDiff({ platform, running: original, intended, device });
        const err = await caught(d.applyCommands(plan.commands));
        expect(err.code).toBe('DRIVER_DISCONNECTED');
        expect(err.details).toMatchObject({ command: plan.commands[2]!.trim(), position: 3, completed: plan.commands.slice(0, 2).map((c) => c.trim()) });
        expect((await caught(d.getFacts())).code).toBe('DRIVER_DISCONNECTED');
        await d.close();
        expectPoolClean();
        await expectLabSessionsGone();
      });

      it('refused login: DRIVER_AUTH; pool clean', async () => {
        labDevice().setFaults({ refuseAuth: true });
        const err = await caught(driver());
        expect(err.code).toBe('DRIVER_AUTH');
        expect(err.message).not.toContain(PASSWORD);
        expectPoolClean();
      });

      it('changed host key: DRIVER_HOST_KEY_CHANGED, never accepted; the recorded key stays; pool clean', async () => {
        const first = await driver();
        await first.close();
        const recorded = await backend.store.get(device, entry().address);
        expect(recorded?.fingerprint).toMatch(/^SHA256:/);
        labDevice().setFaults({ altHostKey: true });
        const err = await caught(driver());
        expect(err.code).toBe('DRIVER_HOST_KEY_CHANGED');
        expect(err.details).toMatchObject({ expected: recorded!.fingerprint });
        expect((await backend.store.get(device, entry().address))?.fingerprint).toBe(recorded!.fingerprint);
        expectPoolClean();
        await expectLabSessionsGone();
        labDevice().setFaults({ altHostKey: undefined });
        await (await driver()).close();
      });

      it('slow device: DRIVER_TIMEOUT naming the command; pool clean', async () => {
        const d = await driver({ timeouts: { commandMs: 150 } });
        labDevice().setFaults({ latencyMs: 600 });
        const err = await caught(d.getFacts());
        expect(err.code).toBe('DRIVER_TIMEOUT');
        expect(err.details).toMatchObject({ timeoutMs: 150, phase: 'command' });
        expect(String(err.details!.command)).toMatch(/^(?:display|show) /);
        expectPoolClean();
        labDevice().setFaults({ latencyMs: undefined });
        await expectLabSessionsGone();
      });
    });
  });
}
