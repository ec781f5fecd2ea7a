/**
 * Getter cases in the NAPALM layout: tests/fixtures/<platform>/<getter>/<case>/ holds one
 * `<command>.txt` per command of the platform's getter recipe (spaces → `_`, a `|` dropped) and
 * `expected.json`, the uniform shape the getter must return.
 *
 * These cases are hand-written because no real capture exists for the command (or for the whole
 * getter). Where each case comes from:
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { Type, type TSchema } from '@sinclair/typebox';
import type { GetterRecipes } from '../../../../src/drivers/types.js';
import { FactsSchema, InterfaceInfoSchema, LagInfoSchema, LldpNeighborSchema, VpnInstanceInfoSchema, VrrpInfoSchema } from '../../../../src/drivers/types.js';
import { huaweiVrpGetters } from '../../../../src/drivers/huawei-vrp/parsers/index.js';
import { huaweiUsgGetters } from '../../../../src/drivers/huawei-usg/parsers/index.js';
import { ruijieRgosGetters } from '../../../../src/drivers/ruijie-rgos/parsers/index.js';

const SOURCES: Record<string, string> = {
  'huawei-vrp/facts/s5700-vrp5': 'display version: reference/huawei-vrp.md §3.7 (composed S5700 equivalent); display esn: §3.7 (`ESN of master:`)',
  'huawei-vrp/interfaces/s-series-trunk': 'no real capture of an S-series brief with Eth-Trunk members exists (cli-captures README); case written from reference/huawei-vrp.md §3.2 (S-series legend, members indented under the trunk); descriptions from a configuration written after §3.1',
  'huawei-vrp/vrrp/master-and-backup': 'no real capture exists (`display vrrp` verbose); case written from reference/huawei-vrp.md §3.3',
  'huawei-vrp/lags/static-lacp-unselect': 'case written from reference/huawei-vrp.md §3.4 (Unselect member, a trunk without members)',
  'huawei-vrp/lldp-neighbors/vrp5-brief': 'no real capture of the VRP5 layout exists; case written from reference/huawei-vrp.md §3.6 (VRP5 S-series table)',
  'huawei-vrp/vpn-instances/two-instances': 'no real capture exists (`display ip vpn-instance verbose`); case written from reference/huawei-vrp.md §3.5 (field names)',
  'huawei-usg/facts/usg6000': 'no real USG capture exists; case written from reference/huawei-vrp.md §3.7 (the USG runs VRP; reference/huawei-usg.md §7.4)',
  'huawei-usg/vrrp/hrp-prompt': 'no real capture exists; case written from reference/huawei-vrp.md §3.3, with CRLF line ends and the HRP prompt of reference/huawei-usg.md §1',
  'huawei-usg/lags/no-trunk': 'case written from reference/huawei-vrp.md §3.4 (`Info: No valid trunk in the system.`), with the echo and an HRP prompt',
  'ruijie-rgos/facts/s5750': 'case written from reference/ruijie-rgos.md §3.6 (RGOS 10 layout; S5750 description composed there)',
  'ruijie-rgos/interfaces/access-and-ap': 'no real capture of `show interfaces status` exists; case written from reference/ruijie-rgos.md §3.2 (columns) and §3.4, detail lines in the layout of the rpqin123 show_interfaces capture',
  'ruijie-rgos/vrrp/brief': 'no real capture exists; case written from reference/ruijie-rgos.md §3.3',
  'ruijie-rgos/lags/summary': 'no real capture exists; case written from reference/ruijie-rgos.md §3.4 (and §2.4 for `port-group N mode active`)',
  'ruijie-rgos/lldp-neighbors/basic': 'no real capture exists; case written from reference/ruijie-rgos.md §3.5',
  'ruijie-rgos/vpn-instances/ip-vrf': 'no real capture exists; case written from reference/ruijie-rgos.md §2.6 (configuration) and the lab\'s `show ip vrf` layout',
};

const ROOT = join(import.meta.dirname, '../../../fixtures');
const PLATFORMS: Record<string, GetterRecipes> = { 'huawei-vrp': huaweiVrpGetters, 'huawei-usg': huaweiUsgGetters, 'ruijie-rgos': ruijieRgosGetters };
const GETTERS: Record<string, [keyof GetterRecipes, TSchema]> = {
  facts: ['facts', FactsSchema],
  interfaces: ['interfaces', Type.Array(InterfaceInfoSchema)],
  vrrp: ['vrrp', Type.Array(VrrpInfoSchema)],
  lags: ['lags', Type.Array(LagInfoSchema)],
  'lldp-neighbors': ['lldpNeighbors', Type.Array(LldpNeighborSchema)],
  'vpn-instances': ['vpnInstances', Type.Array(VpnInstanceInfoSchema)],
};

/** `display current-configuration | include sysname` → `display_current-configuration_include_sysname.txt`. */
export function fixtureFileOf(command: string): string {
  return `${command.replace(/\s*\|\s*/g, ' ').trim().replace(/\s+/g, '_')}.txt`;
}

const dirs = (p: string): string[] => (existsSync(p) ? readdirSync(p).filter((n) => statSync(join(p, n)).isDirectory()).sort() : []);

const cases: { id: string; dir: string; platform: string; getter: string }[] = [];
for (const platform of Object.keys(PLATFORMS)) {
  for (const getter of dirs(join(ROOT, platform))) {
    if (!GETTERS[getter]) continue; // other fixtures (topologies) share the platform folder
    for (const c of dirs(join(ROOT, platform, getter))) cases.push({ id: `${platform}/${getter}/${c}`, dir: join(ROOT, platform, getter, c), platform, getter });
  }
}

describe('getter fixtures (tests/fixtures/<platform>/<getter>/<case>)', () => {
  it('every case says where it comes from', () => {
    expect(cases.map((c) => c.id).sort()).toEqual(Object.keys(SOURCES).sort());
  });

  for (const c of cases) {
    it(`${c.id}`, () => {
      const [key, schema] = GETTERS[c.getter]!;
      const recipe = PLATFORMS[c.platform]![key];
      const outputs = recipe.commands.map((cmd) => {
        const f = join(c.dir, fixtureFileOf(cmd));
        expect(existsSync(f), `missing ${fixtureFileOf(cmd)}`).toBe(true);
        return readFileSync(f, 'utf8');
      });
      const got = recipe.build(outputs);
      expect(Value.Check(schema, got), JSON.stringify([...Value.Errors(schema, got)].slice(0, 3))).toBe(true);
      expect(got).toEqual(JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8')));
    });
  }
});
