import { describe, expect, it } from 'vitest';
import { asciiSafe, deviceText } from '../../../src/model/index.js';
import { textRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, references, variant } from './helpers.js';

describe('rule text', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [textRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [textRule]), 'error'), name).toEqual([]);
  });

  it('reports a VPN instance name longer than VRP takes (31), once, on the instance', () => {
    const t = variant((t) => {
      const long = 'dept-finance-and-budget-office-x'; // 32 characters
      for (const d of t.devices) for (const s of d.svis ?? []) if (s.vpn === 'dept-finance') s.vpn = long;
      t.vpnInstances![0]!.name = long;
      t.departments![0]!.vpn = long;
      t.remoteAccess!.groups[0]!.vpn = long;
    });
    const f = check(t, [textRule]);
    expect(f.map((x) => [x.code, x.pointer])).toEqual([['INTENT_TEXT_TOO_LONG', '/vpnInstances/0/name']]);
    expect(f[0]!.message).toBe("VPN instance 'dept-finance-and-budget-office-x': the VPN instance name is longer than the 31 characters huawei-vrp (and huawei-usg) accept (32 characters)");
  });

  it('measures descriptions as rendered: a Chinese name takes its ASCII-safe length on an ASCII-only platform', () => {
    const name = '财'.repeat(14); // 14 characters, 84 in the ASCII-safe form
    const t = variant((t) => {
      t.departments![0]!.name = name;
      dev(t, 'access-2').ports![0]!.description = name; // RGOS: 80 characters at most
    });
    const f = check(t, [textRule]);
    expect(f.map((x) => [x.code, x.pointer])).toEqual([
      ['INTENT_TEXT_TOO_LONG', '/devices/5/ports/0/description'],
    ]);
    expect(f[0]!.message).toContain('84 characters as rendered: in the ASCII-safe form');
  });

  it('reports a user name with characters a platform cannot hold', () => {
    const t = variant((t) => { t.credentials![0]!.username = '运维'; });
    const f = check(t, [textRule]);
    expect(f.map((x) => [x.code, x.pointer])).toEqual([['INTENT_TEXT_ENCODING', '/credentials/0/username']]);
    expect(f[0]!.message).toBe("credential 'netops': user name '运维' has characters beyond ASCII, which huawei-vrp, ruijie-rgos cannot hold");
  });

  it('writes text beyond ASCII in the documented ASCII-safe form, and keeps it where the platform holds it', () => {
    expect(asciiSafe('财政局 (Finance)?')).toBe('\\u8D22\\u653F\\u5C40 (Finance)\\u003F');
    expect(deviceText('财政局\n  x', false)).toBe('\\u8D22\\u653F\\u5C40 x');
    expect(deviceText('财政局?', true)).toBe('财政局\\u003F');
  });
});
