/**
 * The four shipped playbooks (playbooks/*.yaml) against the lab of the provincial data centre's
 * hosting zone (the Huawei/Ruijie aggregation pair and two access switches; SNMP agents on), with
 * the lab's clock 50 times faster so that the groups' 20 s preemption delay takes 0.4 s:
 * onboard-department, vrrp-master-maintenance, drain-aggregation-switch, backup-all-configs; their
 * dry runs change nothing; bad playbooks and variables are refused with the reason.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ChangeError, isChangeError } from '../../src/change/index.js';
import { listPlaybooks, loadPlaybook, parsePlaybook, runPlaybook, type PlaybookRunRequest } from '../../src/change/playbooks.js';
import { schema } from '../../src/db/index.js';
import { planDiff, renderDevice } from '../../src/render/index.js';
import { withTransportDepartment } from './fixtures/transport.js';
import { ENV, ROOT, type Rig, loadOf, provincial, startRig } from './helpers.js';

const DEVICES = ['host-agg-1', 'host-agg-2', 'host-acc-1', 'host-acc-2', 'core-1', 'core-2'];
const PLAYBOOKS = join(ROOT, 'playbooks');
const env = { ...ENV, LAB_V2C_COMMUNITY: 'public' };
let rig: Rig;
let backups: string;

beforeAll(async () => {
  const t0 = Date.now();
  rig = await startRig({ devices: DEVICES, lab: { snmp: true, snmpPort: 0, clock: () => t0 + (Date.now() - t0) * 50 }, engine: { settleMs: 2_000 } });
  backups = mkdtempSync(join(tmpdir(), 'dcnet-backups-'));
}, 60_000);

afterAll(async () => {
  await rig?.close();
  if (backups) rmSync(backups, { recursive: true, force: true });
});

const vrrpState = (device: string, vlan: number) => rig.lab.network.device(device).vrrpGroups().find((g) => g.vlan === vlan)?.state.toLowerCase();

function request(extra: Partial<PlaybookRunRequest> & Pick<PlaybookRunRequest, 'playbook'>): PlaybookRunRequest {
  return { actor: 'ops', message: 'maintenance window 42', load: loadOf(provincial()), targetOverride: rig.targetOverride, env, backupDir: backups, ...extra };
}

describe('the shipped playbooks', () => {
  it('are the four, and parse', () => {
    expect(listPlaybooks(PLAYBOOKS)).toEqual(['backup-all-configs', 'drain-aggregation-switch', 'onboard-department', 'vrrp-master-maintenance']);
    for (const name of listPlaybooks(PLAYBOOKS)) expect(loadPlaybook(PLAYBOOKS, name).name).toBe(name);
  });

  it('vrrp-master-maintenance: dry run changes nothing', async () => {
    const before = DEVICES.map((d) => rig.running(d));
    const r = await runPlaybook(rig.engine, request({ playbook: loadPlaybook(PLAYBOOKS, 'vrrp-master-maintenance'), variables: { device: 'host-agg-1' }, dryRun: true }));
    expect(r.status).toBe('dry-run');
    expect(r.steps.map((s) => s.status)).toEqual(['ok', 'dry-run', 'dry-run', 'dry-run', 'dry-run', 'dry-run', 'dry-run', 'dry-run']);
    const lower = r.steps.find((s) => s.step === 'lower its priority')!;
    expect(String((lower.detail!.diffs as Record<string, string>)['host-agg-1'])).toMatch(/\+ +vrrp vrid \d+ priority 1/);
    expect(DEVICES.map((d) => rig.running(d))).toEqual(before);
    expect(await rig.database.db.select().from(schema.changes)).toEqual([]);
  });

  it('vrrp-master-maintenance: mastership moves to the peer for the work, and back', async () => {
    expect(vrrpState('host-agg-1', 1101)).toBe('master');
    let during: string | undefined;
    const r = await runPlaybook(rig.engine, request({
      playbook: loadPlaybook(PLAYBOOKS, 'vrrp-master-maintenance'), variables: { device: 'host-agg-1' },
      gate: async () => { during = `${vrrpState('host-agg-1', 1101)}/${vrrpState('host-agg-2', 1101)}`; return true; },
    }));
    expect(r.status, JSON.stringify(r.error)).toBe('completed');
    expect(during).toBe('backup/master');
    expect(vrrpState('host-agg-1', 1101)).toBe('master');
    expect(planDiff({ platform: 'huawei-vrp', running: rig.running('host-agg-1'), intended: renderDevice(provincial(), 'host-agg-1') }).changed).toBe(false);
    expect(rig.saved('host-agg-1')).toBe(rig.running('host-agg-1'));
    const changes = await rig.database.db.select().from(schema.changes);
    expect(changes.filter((c) => c.playbookRunId === r.runId).map((c) => c.status)).toEqual(['completed', 'completed']);
  });

  it('drain-aggregation-switch: gateways to the peer, downlinks shut over SNMP, then all restored', async () => {
    let during: { master?: string; ports?: boolean[] } = {};
    const downlinks = ['GigabitEthernet1/0/0', 'GigabitEthernet1/0/1', 'GigabitEthernet1/0/2', 'GigabitEthernet1/0/3'];
    const r = await runPlaybook(rig.engine, request({
      playbook: loadPlaybook(PLAYBOOKS, 'drain-aggregation-switch'), variables: { switch: 'host-agg-1', community: 'env:LAB_V2C_COMMUNITY' },
      gate: async () => {
        during = { master: vrrpState('host-agg-2', 1101), ports: downlinks.map((p) => rig.lab.network.device('host-agg-1').adminUp(p)) };
        return true;
      },
    }));
    expect(r.status, JSON.stringify(r.error)).toBe('completed');
    expect(during).toEqual({ master: 'master', ports: [false, false, false, false] });
    for (const p of downlinks) expect(rig.lab.network.device('host-agg-1').adminUp(p)).toBe(true);
    expect(vrrpState('host-agg-1', 1101)).toBe('master');
    expect(planDiff({ platform: 'huawei-vrp', running: rig.running('host-agg-1'), intended: renderDevice(provincial(), 'host-agg-1') }).changed).toBe(false);
  });

  it('drain-aggregation-switch: refused before any step, with the reason, when the switch has no v2c community and none is given', async () => {
    const before = DEVICES.map((d) => rig.running(d));
    const r = await runPlaybook(rig.engine, request({ playbook: loadPlaybook(PLAYBOOKS, 'drain-aggregation-switch'), variables: { switch: 'host-agg-1' }, gate: async () => true }));
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('CHANGE_TARGET');
    expect(r.error?.message).toContain("step 'shut its downlinks'");
    expect(r.error?.message).toContain('no SNMPv2c community');
    expect(r.steps).toEqual([]);
    expect(DEVICES.map((d) => rig.running(d))).toEqual(before);
  });

  it('onboard-department: validate, plan, go-ahead, canary then the rest, back up', async () => {
    const topology = withTransportDepartment(provincial());
    const gates: string[] = [];
    const r = await runPlaybook(rig.engine, request({
      playbook: loadPlaybook(PLAYBOOKS, 'onboard-department'), variables: { department: 'transport' }, load: loadOf(topology),
      gate: async (g) => { gates.push(g.message); return true; },
    }));
    expect(r.status, JSON.stringify(r.error)).toBe('completed');
    const plan = r.steps.find((s) => s.step === 'plan')!;
    expect((plan.detail!.changed as string[]).sort()).toEqual(['core-1', 'core-2', 'host-acc-1', 'host-agg-1', 'host-agg-2']);
    expect(gates).toHaveLength(2); // the review, then the canary's go-ahead
    for (const d of ['host-agg-1', 'host-agg-2', 'host-acc-1', 'core-1', 'core-2']) {
      const platform = d === 'host-agg-2' ? 'ruijie-rgos' : 'huawei-vrp';
      expect(planDiff({ platform, running: rig.running(d), intended: renderDevice(topology, d) }).changed, d).toBe(false);
    }
    expect(rig.running('host-agg-1')).toContain('ip vpn-instance dept-transport');
    expect(vrrpState('host-agg-1', 1501)).toBe('master');
    expect(vrrpState('host-agg-2', 1501)).toBe('backup');
    const backup = r.steps.find((s) => s.step === 'back up')!;
    expect(readdirSync(String(backup.detail!.dir)).sort()).toEqual(['core-1.cfg', 'core-2.cfg', 'host-acc-1.cfg', 'host-agg-1.cfg', 'host-agg-2.cfg']);
  });

  it('backup-all-configs: one file per device, secrets as references, never values', async () => {
    const r = await runPlaybook(rig.engine, request({ playbook: loadPlaybook(PLAYBOOKS, 'backup-all-configs'), variables: { selector: DEVICES.join(' ') } }));
    expect(r.status).toBe('completed');
    const dir = String(r.steps[0]!.detail!.dir);
    expect(readdirSync(dir).sort()).toEqual(DEVICES.map((d) => `${d}.cfg`).sort());
    for (const d of DEVICES) {
      const text = readFileSync(join(dir, `${d}.cfg`), 'utf8');
      expect(text).toContain(d);
      for (const v of Object.values(ENV)) expect(text).not.toContain(v);
      expect(text).toMatch(/\{\{secret:env:DCNET_[A-Z_]+\}\}/);
    }
  });
});

describe('bad playbooks and variables', () => {
  const caught = async (p: Promise<unknown> | (() => unknown)): Promise<ChangeError> => {
    try {
      await (typeof p === 'function' ? p() : p);
    } catch (err) {
      if (isChangeError(err)) return err;
      throw err;
    }
    throw new Error('expected a ChangeError');
  };

  it('an unknown action, a missing field, a duplicate step: named with the file', async () => {
    const bad = await caught(() => parsePlaybook('name: x\nsteps:\n  - { name: a, action: reboot-everything }\n', 'bad.yaml'));
    expect(bad.code).toBe('CHANGE_PLAYBOOK');
    expect(bad.message).toContain('bad.yaml');
    expect((await caught(() => parsePlaybook('name: x\nsteps:\n  - { name: a, action: wait }\n', 'w.yaml'))).message).toContain('/steps/0');
    expect((await caught(() => parsePlaybook('name: x\nsteps:\n  - { name: a, action: validate }\n  - { name: a, action: validate }\n'))).message).toContain("two steps are named 'a'");
    expect((await caught(() => parsePlaybook('name: [unclosed\n'))).message).toContain('not valid YAML');
  });

  it('a missing required variable or an unknown one, before anything runs', async () => {
    const pb = loadPlaybook(PLAYBOOKS, 'vrrp-master-maintenance');
    expect((await caught(runPlaybook(rig.engine, request({ playbook: pb })))).message).toContain("variable 'device' is required");
    expect((await caught(runPlaybook(rig.engine, request({ playbook: pb, variables: { device: 'host-agg-1', colour: 'red' } })))).message).toContain("unknown variable 'colour'");
    expect((await caught(runPlaybook(rig.engine, request({ playbook: pb, variables: { device: 'host-agg-1' }, message: ' ' })))).code).toBe('CHANGE_MESSAGE_REQUIRED');
  });

  it('a gate without a go-ahead stops the run there', async () => {
    const pb = parsePlaybook('name: gated\nsteps:\n  - { name: ask, action: gate, message: "go?" }\n  - { name: after, action: wait, duration: 1ms }\n');
    const r = await runPlaybook(rig.engine, request({ playbook: pb, gate: async () => false }));
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('CHANGE_ABORTED');
    expect(r.steps.map((s) => s.step)).toEqual(['ask']);
  });
});
