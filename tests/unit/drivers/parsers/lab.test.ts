/**
 * Every display/show the lab simulator prints (src/lab/cli/**), typed into a simulated terminal
 * (echo, output and prompt, as an SSH session would read it) and parsed. Each getter recipe is run
 * end to end and compared with the lab's own state. Not a capture test: the lab follows the
 * captures, this checks that our parsers read what it prints.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TOPOLOGIES, Terminal, makeLab, type Lab } from '../../../lab/cli/helpers.js';
import type { GetterRecipe, GetterRecipes } from '../../../../src/drivers/types.js';
import * as vrp from '../../../../src/drivers/huawei-vrp/parsers/index.js';
import * as usg from '../../../../src/drivers/huawei-usg/parsers/index.js';
import * as rgos from '../../../../src/drivers/ruijie-rgos/parsers/index.js';

async function run<T>(t: Terminal, recipe: GetterRecipe<T>): Promise<T> {
  const outputs: string[] = [];
  for (const c of recipe.commands) outputs.push(await t.type(c));
  return recipe.build(outputs);
}

interface Case {
  device: string;
  topology: string;
  platform: 'huawei-vrp' | 'huawei-usg' | 'ruijie-rgos';
  getters: GetterRecipes;
  pagerOff: string;
  /** The device has VRRP groups, LAGs, VPN instances in its topology (so the getter test is not vacuous). */
  has?: ('vrrp' | 'lag' | 'vpn')[];
}

const CASES: Case[] = [
  { device: 'core-1', topology: TOPOLOGIES.provincial, platform: 'huawei-vrp', getters: vrp.huaweiVrpGetters, pagerOff: 'screen-length 0 temporary', has: ['lag', 'vpn'] },
  { device: 'wan-agg-1', topology: TOPOLOGIES.provincial, platform: 'huawei-vrp', getters: vrp.huaweiVrpGetters, pagerOff: 'screen-length 0 temporary', has: ['vrrp'] },
  { device: 'core-1', topology: TOPOLOGIES.city, platform: 'huawei-vrp', getters: vrp.huaweiVrpGetters, pagerOff: 'screen-length 0 temporary', has: ['vrrp'] },
  { device: 'egress-agg-1', topology: TOPOLOGIES.provincial, platform: 'huawei-vrp', getters: vrp.huaweiVrpGetters, pagerOff: 'screen-length 0 temporary' },
  { device: 'fw-egress-1', topology: TOPOLOGIES.provincial, platform: 'huawei-usg', getters: usg.huaweiUsgGetters, pagerOff: 'screen-length 0 temporary' },
  { device: 'branch-1', topology: TOPOLOGIES.usgLab, platform: 'huawei-usg', getters: usg.huaweiUsgGetters, pagerOff: 'screen-length 0 temporary' },
  { device: 'host-agg-2', topology: TOPOLOGIES.provincial, platform: 'ruijie-rgos', getters: rgos.ruijieRgosGetters, pagerOff: 'terminal length 0', has: ['vrrp', 'lag', 'vpn'] },
  { device: 'core-2', topology: TOPOLOGIES.city, platform: 'ruijie-rgos', getters: rgos.ruijieRgosGetters, pagerOff: 'terminal length 0', has: ['vrrp', 'lag', 'vpn'] },
];

/** Single commands the lab prints, with the parser that must accept them. */
const VRP_DISPLAYS: [string, (o: string, c: string) => unknown[]][] = [
  ['display interface brief', vrp.parseDisplayInterfaceBrief],
  ['display ip interface brief', vrp.parseDisplayIpInterfaceBrief],
  ['display vrrp brief', vrp.parseDisplayVrrpBrief],
  ['display vrrp', vrp.parseDisplayVrrp],
  ['display vrrp verbose', vrp.parseDisplayVrrp],
  ['display eth-trunk', vrp.parseDisplayEthTrunk],
  ['display lldp neighbor brief', vrp.parseDisplayLldpNeighborBrief],
  ['display version', vrp.parseDisplayVersion],
  ['display esn', vrp.parseDisplayEsn],
  ['display ip vpn-instance', vrp.parseDisplayIpVpnInstance],
  ['display ip vpn-instance interface', vrp.parseDisplayIpVpnInstanceInterface],
  ['display ip vpn-instance verbose', vrp.parseDisplayIpVpnInstanceVerbose],
];
const RGOS_SHOWS: [string, (o: string, c: string) => unknown[]][] = [
  ['show version', rgos.parseShowVersion],
  ['show ip interface brief', rgos.parseShowIpInterfaceBrief],
  ['show interfaces status', rgos.parseShowInterfacesStatus],
  ['show interfaces', rgos.parseShowInterfaces],
  ['show vrrp brief', rgos.parseShowVrrpBrief],
  ['show vrrp', rgos.parseShowVrrp],
  ['show aggregatePort summary', rgos.parseShowAggregatePortSummary],
  ['show lldp neighbors', rgos.parseShowLldpNeighbors],
  ['show ip vrf', rgos.parseShowIpVrf],
];

for (const c of CASES) {
  describe(`lab ${c.platform} ${c.device} (${c.topology.split('/').pop()})`, () => {
    let lab: Lab;
    let t: Terminal;
    beforeAll(async () => {
      lab = makeLab(c.topology, { configured: true, devices: [c.device] });
      t = new Terminal(lab.cli(c.device));
      await t.start();
      await t.type(c.pagerOff);
    });

    for (const [cmd, parse] of c.platform === 'ruijie-rgos' ? RGOS_SHOWS : VRP_DISPLAYS) {
      it(`parses "${cmd}"`, async () => {
        const out = await t.type(cmd);
        expect(() => parse(out, cmd)).not.toThrow();
      });
    }

    it('facts', async () => {
      const f = await run(t, c.getters.facts);
      const id = lab.net.device(c.device).identity;
      expect(f.vendor).toBe(id.vendor);
      expect(f.model).toBe(id.model);
      expect(f.serial).toBe(id.serial);
      expect(f.hostname.length).toBeGreaterThan(0);
      expect(f.osVersion).toBe(id.release);
    });

    it('interfaces: every lab interface, with state and LAG', async () => {
      const got = await run(t, c.getters.interfaces);
      const dev = lab.net.device(c.device);
      expect(got.length).toBeGreaterThan(0);
      for (const i of got) {
        const s = dev.status(i.name);
        expect({ name: i.name, adminUp: i.adminUp, operUp: i.operUp }).toEqual({ name: i.name, adminUp: s.adminUp, operUp: s.operUp });
      }
      for (const lag of dev.interfaces().filter((i) => i.kind === 'lag')) {
        for (const m of dev.lagMembers(lag.name)) expect(got.find((i) => i.name === m)?.lag, m).toBe(lag.name);
      }
    });

    it('vrrp: the lab groups', async () => {
      const got = await run(t, c.getters.vrrp);
      const want = lab.net.device(c.device).vrrpGroups();
      if (c.has?.includes('vrrp')) expect(want.length).toBeGreaterThan(0);
      expect(got.map((g) => [g.interface, g.group, g.virtualIp, g.state, g.priority, g.masterAddress])).toEqual(
        want.map((g) => [g.interface, g.vrid, g.virtualIps[0], g.state.toLowerCase() === 'init' ? 'initialize' : g.state.toLowerCase(), g.runningPriority, g.masterIp || null]),
      );
    });

    it('lags: the lab trunks and members', async () => {
      const got = await run(t, c.getters.lags);
      const dev = lab.net.device(c.device);
      const want = dev.interfaces().filter((i) => i.kind === 'lag').map((l) => [l.name, dev.lagMembers(l.name)]);
      if (c.has?.includes('lag')) expect(want.length).toBeGreaterThan(0);
      expect(got.map((l) => [l.name, l.members.map((m) => m.port)])).toEqual(want);
    });

    it('lldp neighbours', async () => {
      const got = await run(t, c.getters.lldpNeighbors);
      const want = lab.net.device(c.device).lldpNeighbors();
      expect(got.map((n) => [n.localPort, n.neighborName])).toEqual(
        [...want].sort((a, b) => a.localIfIndex - b.localIfIndex).map((n) => [n.localPort, n.neighborSysName]),
      );
    });

    it('vpn instances', async () => {
      const got = await run(t, c.getters.vpnInstances);
      if (c.has?.includes('vpn')) expect(got.length).toBeGreaterThan(0);
      for (const v of got) {
        if (v.rd !== null) expect(v.rd).toMatch(/^\d+:\d+$/);
        for (const rt of [...v.importTargets, ...v.exportTargets]) expect(rt).toMatch(/^\d+:\d+$/);
        // bound interfaces come back as full names
        const full = c.platform === 'ruijie-rgos' ? rgos.normalizeRgosInterfaceName : vrp.normalizeVrpInterfaceName;
        for (const i of v.interfaces) expect(full(i)).toBe(i);
      }
    });
  });
}
