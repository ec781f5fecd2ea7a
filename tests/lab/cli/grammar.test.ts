/** The command-pattern language and the matcher: canonical lines, abbreviations, error kinds and positions. */
import { describe, expect, it } from 'vitest';
import { type Candidate, type GrammarPlatform, compilePattern, matchLine } from '../../../src/lab/cli/grammar.js';
import { vrpGrammar } from '../../../src/lab/cli/huawei-vrp/index.js';
import { rgosGrammar } from '../../../src/lab/cli/ruijie-rgos/index.js';

function table(...patterns: string[]): Candidate<string>[] {
  return patterns.map((p) => ({ node: compilePattern(p), data: p }));
}

const T = table(
  'display current-configuration [interface <if>]',
  'display cpu-usage',
  'display interface brief',
  'display interface [<if>]',
  'vlan batch <vlans>',
  'vlan <1-4094>',
  'ip address <ip> <mask> [sub]',
  'ip route-static [vpn-instance <vpn:word>] <dest:ip> <mask> { <nh:ip> | <if> [<nh:ip>] } [preference <1-255>] [description <text>]',
  'description <text>',
  'sysname <word>',
  'system-view',
);

function ok(p: GrammarPlatform, line: string): string {
  const r = matchLine(p, T, line);
  if (!r.ok) throw new Error(`${line}: ${r.failure.kind} at ${r.failure.at}`);
  return r.parse.canonical;
}

function fail(line: string): { kind: string; at: number } {
  const r = matchLine(vrpGrammar, T, line);
  if (r.ok) throw new Error(`${line}: matched ${r.parse.canonical}`);
  return r.failure;
}

describe('command grammar', () => {
  it('completes abbreviations and canonicalises parameters', () => {
    expect(ok(vrpGrammar, 'dis cur')).toBe('display current-configuration');
    expect(ok(vrpGrammar, 'DIS CUR INT vlanif 10')).toBe('display current-configuration interface Vlanif10');
    expect(ok(vrpGrammar, 'dis int gi0/0/1')).toBe('display interface GigabitEthernet0/0/1');
    expect(ok(vrpGrammar, 'dis int br')).toBe('display interface brief');
    expect(ok(vrpGrammar, 'ip add 10.0.0.1 24 sub')).toBe('ip address 10.0.0.1 255.255.255.0 sub');
    expect(ok(vrpGrammar, 'vlan batch 10 20 to 30 40 t 45')).toBe('vlan batch 10 20 to 30 40 to 45');
    expect(ok(vrpGrammar, 'ip route-static vpn-instance A 0.0.0.0 0 Vlanif10 10.0.0.1 preference 70 description to  the DC')).toBe('ip route-static vpn-instance A 0.0.0.0 0.0.0.0 Vlanif10 10.0.0.1 preference 70 description to  the DC');
    expect(ok(rgosGrammar, 'display interface gi 0/1')).toBe('display interface GigabitEthernet 0/1');
    expect(ok(rgosGrammar, 'display interface ag1')).toBe('display interface AggregatePort 1');
  });

  it('keeps a free-text parameter verbatim', () => {
    expect(ok(vrpGrammar, 'description to core-2 (2 x 10G, LACP)')).toBe('description to core-2 (2 x 10G, LACP)');
  });

  it('reports the kind and the word of the first error', () => {
    expect(fail('dispaly version')).toEqual({ kind: 'unrecognized', at: 0 });
    expect(fail('display nonexistent')).toEqual({ kind: 'unrecognized', at: 1 });
    expect(fail('display c')).toEqual({ kind: 'ambiguous', at: 1 });
    expect(fail('vlan 5000')).toEqual({ kind: 'wrong', at: 1 });
    expect(fail('vlan batch 10 to 5')).toEqual({ kind: 'wrong', at: 4 });
    expect(fail('ip address 10.0.0.300 24')).toEqual({ kind: 'wrong', at: 2 });
    expect(fail('ip address 10.0.0.1 255.0.255.0')).toEqual({ kind: 'wrong', at: 3 });
    expect(fail('ip address 10.0.0.1')).toEqual({ kind: 'incomplete', at: 3 });
    expect(fail('sysname a b')).toEqual({ kind: 'too-many', at: 2 });
    expect(fail('s')).toEqual({ kind: 'ambiguous', at: 0 });
  });

  it('refuses malformed patterns', () => {
    expect(() => compilePattern('vlan [<1-4094>')).toThrow(/unclosed/);
    expect(() => compilePattern('vlan <nonsense>')).toThrow(/unknown parameter/);
  });
});
