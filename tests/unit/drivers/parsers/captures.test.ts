/**
 * The table test over the real captures the project keeps (tests/fixtures/devices/, see its README):
 *   ntc-templates/huawei_vrp/<command>/*.raw + *.yml
 *   cli-captures/<source>/{huawei_vrp,ruijie_os}/<command>/*.raw + *.yml
 *                           or <command>.txt + expected_result.json (napalm)
 * For every capture of a command we parse, the parser's rows must carry every field of the
 * expected parse with the same value (ntc-templates' field names are our raw-row field names).
 *
 * Documented normalisations (the only places where we differ from ntc-templates):
 *  - display eth-trunk: ntc-templates fills a header field the trunk does not print with the value
 *    of the previous trunk (TextFSM Filldown: Eth-Trunk1 "inherits" Eth-Trunk0's
 *    max_bandwidth_affected_linknumber). We leave such a field '' and accept ntc's carried value.
 *  - ruijie show version: ntc-templates keeps only the first word of a slot's software version
 *    (`S8600E_RGOS`); we keep the whole value (`S8600E_RGOS 11.0(4)B8`) and compare its first word.
 *  - display arp (rpqin123 fork only): its template names the fields exp_time, vlan, vrf (ours:
 *    expire, vlan_id, vpn_instance) and keeps only the letter of the type (`D` for our `D-0`).
 *  - napalm-ce expected_result.json: get_facts' `interface_list` is compared with the interface
 *    names of `display interface brief`; its other facts come from commands not in the capture.
 *    get_lldp_neighbors' {local: [{hostname, port}]} is compared with the brief rows.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import * as vrp from '../../../../src/drivers/huawei-vrp/parsers/index.js';
import * as rgos from '../../../../src/drivers/ruijie-rgos/parsers/index.js';
import { deviceFixture } from '../../../support/device-fixtures.js';

const NTC = deviceFixture('ntc-templates');
const CLI = deviceFixture('cli-captures');

type Row = Record<string, unknown>;
type Parser = (text: string) => Row[];

/** Capture folder (platform/command) → the parser of that command. */
const PARSERS: Record<string, Parser> = {
  'huawei_vrp/display_interface_brief': (t) => vrp.parseDisplayInterfaceBrief(t) as unknown as Row[],
  'huawei_vrp/display_interface_description': (t) => vrp.parseDisplayInterfaceDescription(t) as unknown as Row[],
  'huawei_vrp/display_ip_interface_brief': (t) => vrp.parseDisplayIpInterfaceBrief(t) as unknown as Row[],
  'huawei_vrp/display_ip_interface_brief_meth': (t) => vrp.parseDisplayIpInterfaceBrief(t) as unknown as Row[],
  'huawei_vrp/display_vrrp_brief': (t) => vrp.parseDisplayVrrpBrief(t) as unknown as Row[],
  'huawei_vrp/display_eth-trunk': (t) => vrp.parseDisplayEthTrunk(t) as unknown as Row[],
  'huawei_vrp/display_lldp_neighbor_brief': (t) => vrp.parseDisplayLldpNeighborBrief(t) as unknown as Row[],
  'huawei_vrp/display_version': (t) => vrp.parseDisplayVersion(t) as unknown as Row[],
  'huawei_vrp/display_esn': (t) => vrp.parseDisplayEsn(t) as unknown as Row[],
  'huawei_vrp/display_elabel_brief': (t) => vrp.parseDisplayElabelBrief(t) as unknown as Row[],
  'huawei_vrp/display_ip_vpn-instance': (t) => vrp.parseDisplayIpVpnInstance(t) as unknown as Row[],
  'huawei_vrp/display_ip_vpn-instance_interface': (t) => vrp.parseDisplayIpVpnInstanceInterface(t) as unknown as Row[],
  'huawei_vrp/display_arp': (t) => vrp.parseDisplayArp(t) as unknown as Row[],
  'huawei_vrp/display_arp_all': (t) => vrp.parseDisplayArp(t) as unknown as Row[],
  'huawei_vrp/display_arp_brief': (t) => vrp.parseDisplayArp(t) as unknown as Row[],
  'ruijie_os/show_version': (t) => rgos.parseShowVersion(t) as unknown as Row[],
  'ruijie_os/show_ip_interface_brief': (t) => rgos.parseShowIpInterfaceBrief(t) as unknown as Row[],
  'ruijie_os/show_interfaces': (t) => rgos.parseShowInterfaces(t) as unknown as Row[],
};

interface Capture {
  /** `ntc-templates` or the cli-captures source. */
  source: string;
  key: string;
  input: string;
  expected: string;
}

function dirs(p: string): string[] {
  return readdirSync(p).filter((n) => statSync(join(p, n)).isDirectory()).sort();
}

/** Every capture with an expected parse, with its platform/command key. */
function walk(): Capture[] {
  const out: Capture[] = [];
  const add = (source: string, platformDir: string, platform: string) => {
    for (const cmd of dirs(platformDir)) {
      const dir = join(platformDir, cmd);
      const files = readdirSync(dir).sort();
      for (const f of files) {
        if (f.endsWith('.raw')) {
          const yml = join(dir, f.replace(/\.raw$/, '.yml'));
          if (existsSync(yml)) out.push({ source, key: `${platform}/${cmd}`, input: join(dir, f), expected: yml });
        } else if (f.endsWith('.txt') && existsSync(join(dir, 'expected_result.json'))) {
          out.push({ source, key: `${platform}/${cmd}`, input: join(dir, f), expected: join(dir, 'expected_result.json') });
        }
      }
    }
  };
  add('ntc-templates', join(NTC, 'huawei_vrp'), 'huawei_vrp');
  for (const source of dirs(CLI)) {
    for (const platform of ['huawei_vrp', 'ruijie_os']) if (existsSync(join(CLI, source, platform))) add(source, join(CLI, source, platform), platform);
  }
  return out;
}

const captures = walk();
const covered = captures.filter((c) => PARSERS[c.key]);
const passed = new Map<string, number>();

/** rpqin123's display_arp field names → ours. */
const RPQIN_ARP: Record<string, string> = { exp_time: 'expire', vlan: 'vlan_id', vrf: 'vpn_instance', type: 'type' };

/** Applies the documented normalisations, then checks every expected field. */
function compareRows(key: string, actual: Row[], expected: Row[]): void {
  expect(actual.length, 'row count').toBe(expected.length);
  expected.forEach((exp, i) => {
    const act = actual[i]!;
    for (const [field, want] of Object.entries(exp)) {
      let got = key === 'huawei_vrp/display_arp' && RPQIN_ARP[field] ? act[RPQIN_ARP[field]!] : act[field];
      expect(got, `row ${i} has no field "${field}"`).not.toBeUndefined();
      if (key === 'huawei_vrp/display_eth-trunk' && got === '' && want !== '') {
        // ntc Filldown from an earlier trunk: the value must be what an earlier trunk printed
        const earlier = actual.slice(0, i).some((r) => r.eth_trunk !== act.eth_trunk && r[field] === want);
        if (earlier) got = want;
      }
      if (key === 'huawei_vrp/display_arp' && field === 'type' && typeof got === 'string') got = got.charAt(0);
      if (key === 'ruijie_os/show_version' && field === 'slot_soft_version' && typeof got === 'string') got = got.split(' ')[0];
      expect(got, `row ${i} field "${field}"`).toEqual(want);
    }
  });
}

function compareNapalm(key: string, actual: Row[], expected: Record<string, unknown>): void {
  if (key === 'huawei_vrp/display_interface_brief') {
    expect(actual.map((r) => r.interface)).toEqual(expected.interface_list);
    return;
  }
  if (key === 'huawei_vrp/display_lldp_neighbor_brief') {
    const got: Record<string, { hostname: unknown; port: unknown }[]> = {};
    for (const r of actual) (got[r.local_interface as string] ??= []).push({ hostname: r.neighbor_device, port: r.neighbor_interface });
    expect(got).toEqual(expected);
    return;
  }
  throw new Error(`no napalm comparison for ${key}`);
}

describe('real captures (tests/fixtures/devices)', () => {
  it('finds every capture, each with a parser (only what a parser reads is kept)', () => {
    expect(captures.length).toBe(36);
    expect(captures.filter((c) => !PARSERS[c.key]).map((c) => c.key)).toEqual([]);
  });

  for (const c of covered) {
    it(`${c.source} ${c.key} ${basename(c.input)}`, () => {
      const text = readFileSync(c.input, 'utf8');
      const rows = PARSERS[c.key]!(text);
      if (c.expected.endsWith('.json')) compareNapalm(c.key, rows, JSON.parse(readFileSync(c.expected, 'utf8')));
      else compareRows(c.key, rows, (parseYaml(readFileSync(c.expected, 'utf8')) as { parsed_sample: Row[] }).parsed_sample ?? []);
      passed.set(c.key, (passed.get(c.key) ?? 0) + 1);
    });
  }

  it('covers at least these commands', () => {
    expect(new Set(covered.map((c) => c.key))).toEqual(new Set(Object.keys(PARSERS)));
  });

  afterAll(() => {
    const lines = [...passed.entries()].sort().map(([k, n]) => `  ${k}: ${n}/${covered.filter((c) => c.key === k).length}`);
    console.log(`captures passed (${[...passed.values()].reduce((a, b) => a + b, 0)}/${covered.length}):\n${lines.join('\n')}`);
  });
});
