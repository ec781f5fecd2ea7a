/**
 * A VRRP gateway's virtual address changes on a simulated VRP device that, like a real one, deletes
 * a group with its last virtual address (docs/devices/huawei-vrp.md, "VRRP"): the plan must keep
 * the group's priority, preemption and tracking, and so must its rollback.
 */
import { describe, expect, it } from 'vitest';
import { planDiff, renderDevice } from '../../../../src/render/index.js';
import { makeLab, Terminal, TOPOLOGIES, topology } from '../../../lab/cli/helpers.js';

/** Type every command of a plan; the device's answers that are errors. */
async function apply(t: Terminal, commands: readonly string[]): Promise<string[]> {
  const errors: string[] = [];
  for (const c of commands) {
    const out = await t.type(c);
    if (/Error:/.test(out)) errors.push(`${c}: ${out}`);
  }
  return errors;
}

describe('changing a VRRP gateway\'s virtual address on the lab\'s VRP', () => {
  it('keeps priority, preemption and tracking through the change and through its rollback', async () => {
    const base = topology(TOPOLOGIES.city);
    const moved = structuredClone(base);
    const group = moved.vrrp!.find((g) => g.name === 'gw-area-a-oa')!;
    group.virtualIp = '10.54.10.4';
    const lab = makeLab(TOPOLOGIES.city, { configured: true, devices: ['core-1'] });
    const device = lab.net.device('core-1');
    const t = new Terminal(lab.cli('core-1'));
    await t.start();

    const before = device.running;
    const intended = renderDevice(moved, 'core-1');
    const plan = planDiff({ platform: 'huawei-vrp', running: before, intended, managed: 'full', device: 'core-1' });
    expect(plan.commands).toContain('vrrp vrid 110 virtual-ip 10.54.10.4');
    expect(await apply(t, plan.commands)).toEqual([]);
    const after = device.running;
    expect(after).toContain(' vrrp vrid 110 priority 120');
    expect(after).toContain(' vrrp vrid 110 preempt-mode timer delay 20');
    expect(after).toContain(' vrrp vrid 110 track interface GigabitEthernet1/0/47 reduced 30');
    expect(planDiff({ platform: 'huawei-vrp', running: after, intended, managed: 'full' }).commands).toEqual([]);

    expect(await apply(t, plan.rollback)).toEqual([]);
    expect(planDiff({ platform: 'huawei-vrp', running: device.running, intended: renderDevice(base, 'core-1'), managed: 'full' }).commands).toEqual([]);
  });

  it('deletes the group with its last virtual address, as VRP does', async () => {
    const lab = makeLab(TOPOLOGIES.city, { configured: true, devices: ['core-1'] });
    const t = new Terminal(lab.cli('core-1'));
    await t.start();
    expect(await apply(t, ['system-view', 'interface Vlanif110', 'undo vrrp vrid 110 virtual-ip 10.54.10.1', 'return'])).toEqual([]);
    expect(lab.net.device('core-1').running).not.toMatch(/vrrp vrid 110 /);
  });
});
