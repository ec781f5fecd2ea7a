/**
 * The city extranet's core is a mixed VRRP pair: core-1 (Huawei S9312) and core-2 (Ruijie RG-S8610);
 * so is the provincial DC's hosting aggregation (host-agg-1 S9303, host-agg-2 RG-S5750). Both sides
 * are rendered from the same topology.vrrp groups; here the Ruijie side is read back and every group
 * it joins must agree with the group on VRID, virtual IP, priority, advertisement timer and preempt
 * delay (defaults applied where RGOS prints nothing).
 */
import { describe, expect, it } from 'vitest';
import { loadTopology, type Topology } from '../../../../src/model/index.js';
import { renderRuijieRgos } from '../../../../src/render/ruijie-rgos/index.js';

const PAIRS = [
  { path: 'topology/city-extranet', ruijie: 'core-2', model: 'RG-S8610' },
  { path: 'topology/provincial-dc', ruijie: 'host-agg-2', model: 'RG-S5750-24GT/12SFP' },
];

/** `!`-separated stanzas by their first line. */
function stanzas(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const block of text.split('\n!\n')) {
    const [head, ...rest] = block.split('\n');
    out.set(head!, rest);
  }
  return out;
}

interface VrrpSeen { ip?: string; priority: number; advertise: number; preemptDelay: number }

function readVrrp(lines: string[]): Map<number, VrrpSeen> {
  const groups = new Map<number, VrrpSeen>();
  const get = (id: number): VrrpSeen => {
    if (!groups.has(id)) groups.set(id, { priority: 100, advertise: 1, preemptDelay: 0 });
    return groups.get(id)!;
  };
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = /^ vrrp (\d+) ip (\S+)$/.exec(line))) get(Number(m[1])).ip = m[2];
    else if ((m = /^ vrrp (\d+) priority (\d+)$/.exec(line))) get(Number(m[1])).priority = Number(m[2]);
    else if ((m = /^ vrrp (\d+) timers advertise (\d+)$/.exec(line))) get(Number(m[1])).advertise = Number(m[2]);
    else if ((m = /^ vrrp (\d+) preempt delay (\d+)$/.exec(line))) get(Number(m[1])).preemptDelay = Number(m[2]);
  }
  return groups;
}

for (const { path, ruijie, model } of PAIRS) {
  describe(`mixed Huawei/Ruijie VRRP pair (${path} ${ruijie})`, () => {
    const loaded = loadTopology(path);
    const topology: Topology = loaded.topology;
    const device = topology.devices.find((d) => d.name === ruijie);

    it(`loads ${ruijie} as an ${model}`, () => {
      expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(device?.model).toBe(model);
    });

    it('agrees with every group it joins on VRID, virtual IP, priority and timers', () => {
      const text = renderRuijieRgos({ topology, device: device! });
      const byHead = stanzas(text);
      const groups = (topology.vrrp ?? []).filter((g) => g.members.some((m) => m.device === ruijie));
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        const member = group.members.find((m) => m.device === ruijie)!;
        // the pair is mixed: the other member is a Huawei switch
        const peer = group.members.find((m) => m.device !== ruijie);
        expect(topology.devices.find((d) => d.name === peer?.device)?.vendor).toBe('huawei');
        const svi = byHead.get(`interface VLAN ${member.vlan}`);
        expect(svi, `interface VLAN ${member.vlan}`).toBeDefined();
        const seen = readVrrp(svi!).get(group.vrid);
        expect(seen, `vrrp ${group.vrid} on VLAN ${member.vlan}`).toBeDefined();
        expect(seen).toEqual({
          ip: group.virtualIp,
          priority: member.priority,
          advertise: group.advertiseInterval ?? 1,
          preemptDelay: group.preemptDelay ?? 0,
        });
        // VRRP follows the real address of the SVI
        const addressAt = svi!.findIndex((l) => l.startsWith(' ip address '));
        const vrrpAt = svi!.findIndex((l) => l.startsWith(` vrrp ${group.vrid} `));
        expect(addressAt).toBeGreaterThanOrEqual(0);
        expect(vrrpAt).toBeGreaterThan(addressAt);
      }
    });

    it('has an SVI on every VLAN where it joins a group', () => {
      const text = renderRuijieRgos({ topology, device: device! });
      const vrrpVlans = new Set((topology.vrrp ?? []).flatMap((g) => g.members.filter((m) => m.device === ruijie).map((m) => m.vlan)));
      for (const vlan of vrrpVlans) expect(text).toContain(`interface VLAN ${vlan}\n`);
    });
  });
}
