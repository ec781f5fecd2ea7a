/**
 * Property: for random configurations a and b of each platform, the commands of diff(a, b) turn a
 * into b on a device that refuses out-of-order commands (interpreter.ts), and the rollback of
 * diff(a, b) turns the result back into a. In partial mode, lines dcnet does not manage survive
 * the change and the rollback.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ConfigTree, diffConfigTrees, parseConfig, planDiff, printTree, stripPositions } from '../../../../src/render/index.js';
import { deviceStateArb, PRINTERS } from './generate.js';
import { applyCommands, canonical, type Platform } from './interpreter.js';

const RUNS = Number(process.env.DCNET_PROPERTY_RUNS ?? 300);
/** Generous: CI machines are shared. */
const TIMEOUT = 60_000 + RUNS * 200;
const PLATFORMS: Platform[] = ['huawei-vrp', 'ruijie-rgos', 'huawei-usg'];

function check(platform: Platform, a: ConfigTree, b: ConfigTree): void {
  const forward = diffConfigTrees(a, b, platform, { managed: 'full' }).commands;
  const after = applyCommands(platform, a, forward);
  expect(canonical(platform, after)).toEqual(canonical(platform, b));
  const back = diffConfigTrees(b, a, platform, { managed: 'full' }).commands;
  expect(canonical(platform, applyCommands(platform, b, back))).toEqual(canonical(platform, a));
}

describe.each(PLATFORMS)('diff property on %s', (platform) => {
  const arb = deviceStateArb(platform === 'huawei-usg');
  const print = PRINTERS[platform];

  it('apply(a, diff(a, b)) == b and apply(b, diff(b, a)) == a', () => {
    fc.assert(fc.property(arb, arb, (sa, sb) => check(platform, print(sa), print(sb))), { numRuns: RUNS });
  }, TIMEOUT);

  it('a configuration diffed against itself needs no command', () => {
    fc.assert(fc.property(arb, (s) => {
      const t = print(s);
      expect(diffConfigTrees(t, t, platform).commands).toEqual([]);
    }), { numRuns: 100 });
  });

  it('parse(print(t)) == t for generated trees', () => {
    fc.assert(fc.property(arb, (s) => {
      const t = print(s);
      expect(stripPositions(parseConfig(printTree(t), platform))).toEqual(stripPositions(t));
    }), { numRuns: 100 });
  });

  it('planDiff: the rollback undoes the change (texts)', () => {
    fc.assert(fc.property(arb, arb, (sa, sb) => {
      const a = print(sa);
      const b = print(sb);
      const plan = planDiff({ platform, running: printTree(a), intended: printTree(b), managed: 'full' });
      const after = applyCommands(platform, a, plan.commands);
      expect(canonical(platform, after)).toEqual(canonical(platform, b));
      expect(canonical(platform, applyCommands(platform, after, plan.rollback))).toEqual(canonical(platform, a));
      expect(plan.changed).toBe(plan.commands.length > 0);
      if (plan.changed) expect(plan.unifiedDiff).not.toBe('');
    }), { numRuns: Math.ceil(RUNS / 3) });
  }, TIMEOUT);
});

/** Lines no renderer produces, added to the running side. */
const UNMANAGED: Record<Platform, { top: string[]; inInterface: string }> = {
  'huawei-vrp': { top: ['info-center loghost 10.9.9.9', 'stp mode rstp'], inInterface: 'jumboframe enable 9216' },
  'huawei-usg': { top: ['info-center loghost 10.9.9.9', 'firewall detect ftp'], inInterface: 'gateway 192.168.9.9' },
  'ruijie-rgos': { top: ['logging buffered 4096', 'spanning-tree'], inInterface: 'storm-control broadcast pps 1000' },
};

function withUnmanaged(platform: Platform, t: ConfigTree): ConfigTree {
  const u = UNMANAGED[platform];
  const itf = t.children.find((n) => /^interface \S*GigabitEthernet/.test(n.line))!;
  itf.children.push({ line: u.inInterface, children: [] });
  t.children.push(...u.top.map((line) => ({ line, children: [], sep: true })));
  return t;
}

describe.each(PLATFORMS)('partial management on %s', (platform) => {
  const arb = deviceStateArb(platform === 'huawei-usg');
  const print = PRINTERS[platform];

  it('reports unmanaged lines, leaves them alone, and the rollback restores the running configuration', () => {
    fc.assert(fc.property(arb, arb, (sa, sb) => {
      const a = withUnmanaged(platform, print(sa));
      const b = print(sb);
      const plan = planDiff({ platform, running: a, intended: b, managed: 'partial' });
      expect(plan.unmanaged.map((u) => u.line).sort()).toEqual([...UNMANAGED[platform].top, UNMANAGED[platform].inInterface].sort());
      const after = applyCommands(platform, a, plan.commands);
      // The result is the intended configuration plus the unmanaged lines.
      expect(canonical(platform, after)).toEqual(canonical(platform, withUnmanaged(platform, print(sb))));
      expect(canonical(platform, applyCommands(platform, after, plan.rollback))).toEqual(canonical(platform, a));
    }), { numRuns: Math.ceil(RUNS / 3) });
  }, TIMEOUT);

  it('removes them when the device is fully managed', () => {
    fc.assert(fc.property(arb, (s) => {
      const a = withUnmanaged(platform, print(s));
      const b = print(s);
      const plan = planDiff({ platform, running: a, intended: b, managed: 'full' });
      expect(canonical(platform, applyCommands(platform, a, plan.commands))).toEqual(canonical(platform, b));
    }), { numRuns: 50 });
  });
});
