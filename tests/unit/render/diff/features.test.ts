/**
 * Per-feature diff cases, both ways (add/change and remove), on VRP, RGOS and the USG: the exact
 * commands (cases.ts, reviewed against the references), and the interpreter's verdict that they
 * turn one configuration into the other on a device that refuses out-of-order commands.
 */
import { describe, expect, it } from 'vitest';
import { getDialect, parseConfig, planDiff } from '../../../../src/render/index.js';
import { CASES, textOf } from './cases.js';
import { applyCommands, canonical } from './interpreter.js';

describe.each(CASES.map((c) => [`${c.platform}: ${c.name}`, c] as const))('%s', (_label, c) => {
  const d = getDialect(c.platform);
  const a = textOf(c.platform, c.a);
  const b = textOf(c.platform, c.b);
  const plan = planDiff({ platform: c.platform, running: a, intended: b, device: 'sw' });

  it('a → b: the expected commands, inside configuration mode', () => {
    expect(plan.commands).toEqual([...d.enterConfig, ...c.ab, ...d.leaveConfig]);
  });

  it('b → a: the rollback', () => {
    expect(plan.rollback).toEqual([...d.enterConfig, ...c.ba, ...d.leaveConfig]);
  });

  it('the device accepts them and ends where it should', () => {
    const ta = parseConfig(a, c.platform);
    const tb = parseConfig(b, c.platform);
    const after = applyCommands(c.platform, ta, plan.commands);
    expect(canonical(c.platform, after)).toEqual(canonical(c.platform, tb));
    expect(canonical(c.platform, applyCommands(c.platform, after, plan.rollback))).toEqual(canonical(c.platform, ta));
  });
});
