/**
 * The change engine's pure parts: device selectors, the apply order, secrets kept out of what is
 * stored, the configuration hash, playbook variables and overlays.
 */
import { describe, expect, it } from 'vitest';

import {
  applyOverlay, checksFor, configHash, isChangeError, maskAnswer, orderDevices, parsePlaybook, parseSelector, resolveVariables,
  selectDevices, substitute, tokeniseSecrets,
} from '../../../src/change/index.js';
import { loadTopology } from '../../../src/model/index.js';
import { planDiff, renderDevice } from '../../../src/render/index.js';
import { PROVINCIAL } from '../../contract/driver.contract.js';

const topology = loadTopology(PROVINCIAL).topology;
const names = (sel: string) => selectDevices(topology, parseSelector(sel)).map((d) => d.name);
const thrown = (f: () => unknown): { code: string; message: string } => {
  try { f(); } catch (err) { if (isChangeError(err)) return err; throw err; }
  throw new Error('expected a ChangeError');
};

describe('selectors', () => {
  it('all, names, globs, keys; OR within a key, AND across keys', () => {
    expect(names('all')).toHaveLength(topology.devices.length);
    expect(names('')).toHaveLength(topology.devices.length);
    expect(names('core-1 core-2')).toEqual(['core-1', 'core-2']);
    expect(names('host-acc-*')).toEqual(['host-acc-1', 'host-acc-2', 'host-acc-3', 'host-acc-4']);
    expect(names('zone:hosting layer:aggregation')).toEqual(['host-agg-1', 'host-agg-2']);
    expect(names('zone:hosting,zone:public layer:aggregation')).toEqual(['pub-agg-1', 'pub-agg-2', 'host-agg-1', 'host-agg-2'].sort((a, b) => topology.devices.findIndex((d) => d.name === a) - topology.devices.findIndex((d) => d.name === b)));
    expect(names('platform:ruijie-rgos')).toEqual(['host-agg-2']);
    expect(names('vrrp-peers:host-agg-1')).toEqual(['host-agg-1', 'host-agg-2']);
    expect(names('department:finance')).toContain('host-agg-1');
    expect(names('department:finance')).not.toContain('pub-agg-1');
  });

  it('every problem at once, naming the term', () => {
    const e = thrown(() => names('zone:nowhere layer:middle ghost-1 colour:red'));
    expect(e.code).toBe('CHANGE_SELECTOR');
    expect(e.message).toContain("unknown key 'colour'");
    const e2 = thrown(() => names('zone:nowhere layer:middle ghost-1'));
    expect(e2.message).toContain('zone:nowhere');
    expect(e2.message).toContain('layer:middle');
    expect(e2.message).toContain("no device 'ghost-1'");
    expect(thrown(() => names('zone:hosting layer:core')).message).toContain('selects no device');
    expect(thrown(() => parseSelector('all core-1')).message).toContain("'all' cannot be combined");
    expect(thrown(() => parseSelector('revision:abc')).message).toContain('a revision is a number');
  });
});

describe('order', () => {
  const input = (n: string) => ({ device: n, layer: topology.devices.find((d) => d.name === n)!.layer, checks: checksFor(topology, n) });

  it('access before aggregation before core; a VRRP group\'s backup before its master', () => {
    const o = orderDevices(['core-1', 'host-agg-1', 'host-acc-1', 'host-agg-2', 'fw-egress-1'].map(input));
    expect(o.waves).toEqual([['host-acc-1'], ['host-agg-2'], ['host-agg-1'], ['fw-egress-1'], ['core-1']]);
    expect(o.notes).toEqual([]);
  });

  it('an explicit order first, the rest after in the computed order', () => {
    const o = orderDevices(['host-agg-1', 'host-acc-1', 'host-agg-2'].map(input), [['host-agg-1']]);
    expect(o.waves).toEqual([['host-agg-1'], ['host-acc-1'], ['host-agg-2']]);
  });
});

describe('secrets', () => {
  const intended = renderDevice(topology, 'host-acc-1');
  // What the device prints: its cipher for the SNMP community the topology references.
  const running = intended.replace(/\{\{secret:env:DCNET_SNMP_COMMUNITY\}\}/g, '%^%#Y2hhbmdlLXRlc3Q%^%#');

  it('a cipher with an intended twin becomes the topology\'s reference; the diff sees no change', () => {
    expect(running).not.toBe(intended);
    const t = tokeniseSecrets('huawei-vrp', running, intended, 'p');
    expect(t.text).toBe(intended);
    expect(t.deviceTokens).toBe(0);
    expect(planDiff({ platform: 'huawei-vrp', running: t.text, intended }).changed).toBe(false);
  });

  it('a secret without a twin becomes a device token kept only in the vault; answers are masked', () => {
    const extra = running.replace('#\nreturn', '#\nlocal-user legacy password irreversible-cipher $1c$c2VjcmV0LWhlcmU$\n#\nreturn');
    const t = tokeniseSecrets('huawei-vrp', extra, intended, 's');
    expect(t.text).toContain('local-user legacy password {{secret:device:s1}}');
    expect(t.text).not.toContain('c2VjcmV0LWhlcmU');
    expect(t.vault.get('device:s1')).toBe('irreversible-cipher $1c$c2VjcmV0LWhlcmU$');
    expect(maskAnswer('huawei-vrp', 'snmp-agent community read cipher %^%#abc%^%#\nok')).toBe('snmp-agent community read <secret>\nok');
    expect(maskAnswer('ruijie-rgos', 'snmp-server community public ro')).not.toContain('public');
  });

  it('the configuration hash ignores the preamble and the secrets, and sees everything else', () => {
    const h = configHash('huawei-vrp', running);
    expect(configHash('huawei-vrp', `!Software Version V200R010C00SPC600\n${running}`)).toBe(h);
    expect(configHash('huawei-vrp', running.replace('%^%#Y2hhbmdlLXRlc3Q%^%#', '%^%#b3RoZXI%^%#'))).toBe(h);
    expect(configHash('huawei-vrp', running.replace('sysname host-acc-1', 'sysname other'))).not.toBe(h);
    expect(h).not.toContain('Y2hh');
  });
});

describe('playbook variables and overlays', () => {
  const pb = parsePlaybook('name: p\nvariables:\n  device: { required: true }\n  n: { default: 3 }\nsteps:\n  - { name: s, action: check-vrrp, device: "{{ device }}", expect: master }\n');

  it('values, defaults, and every problem at once', () => {
    expect(resolveVariables(pb, { device: 'x' })).toEqual({ device: 'x', n: '3' });
    const e = thrown(() => resolveVariables(pb, { colour: 'red' }));
    expect(e.message).toContain("unknown variable 'colour'");
    expect(e.message).toContain("variable 'device' is required");
    expect(substitute({ a: ['{{ device }}-{{n}}'] }, { device: 'x', n: '3' }, 'here')).toEqual({ a: ['x-3'] });
    expect(thrown(() => substitute('{{ nope }}', {}, "step 's'")).message).toContain("step 's': no variable 'nope'");
  });

  it('vrrpPriority sets the device\'s priority in every group it is in, and nothing else', () => {
    const t = applyOverlay(topology, { vrrpPriority: { device: 'host-agg-1', priority: '5' } }, 'here');
    const mine = t.vrrp!.flatMap((g) => g.members.filter((m) => m.device === 'host-agg-1'));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((m) => m.priority === 5)).toBe(true);
    expect(t.vrrp!.flatMap((g) => g.members.filter((m) => m.device === 'host-agg-2')).every((m) => m.priority === 100)).toBe(true);
    expect(topology.vrrp!.flatMap((g) => g.members.filter((m) => m.device === 'host-agg-1')).every((m) => m.priority === 120)).toBe(true);
    expect(thrown(() => applyOverlay(topology, { vrrpPriority: { device: 'host-acc-1', priority: 5 } }, 'here')).message).toContain('in no VRRP group');
    expect(thrown(() => applyOverlay(topology, { vrrpPriority: { device: 'host-agg-1', priority: 300 } }, 'here')).message).toContain('1-254');
  });
});
