/**
 * The removal commands the change engine computes (render's dialect: negationOf each rendered
 * line) are accepted by the simulators in the line's view, except where the device itself refuses:
 * physical interfaces and NULL0 cannot be deleted, VLAN 1 neither, the priority of a built-in zone
 * is fixed, and the LSR ID stays while MPLS runs. One check per distinct kind of line.
 */
import { describe, expect, it } from 'vitest';
import { getDialect, parseConfig, renderDevice, walkTree } from '../../../src/render/index.js';
import { negationOf, resolveLine } from '../../../src/render/dialect.js';
import { TOPOLOGIES, Terminal, makeLab, topology } from './helpers.js';

const REFUSED = [
  /^(?:undo|no) interface (?:[A-Za-z-]*Ethernet\s?[\d/]+|NULL ?0)$/,
  /^no vlan 1$/,
  /^undo mpls lsr-id$/,
];

describe('removal commands of the change engine', () => {
  for (const [label, path] of Object.entries(TOPOLOGIES)) {
    it(`are accepted (${label})`, async () => {
      const t = topology(path);
      const lab = makeLab(path, { configured: true });
      const seen = new Set<string>();
      const problems: string[] = [];
      let checked = 0;
      for (const d of t.devices) {
        const text = renderDevice(t, d.name);
        const dialect = getDialect(d.platform);
        const rgos = d.platform === 'ruijie-rgos';
        for (const { path: parents, node } of walkTree(parseConfig(text, d.platform))) {
          if (node.children.length) continue;
          const parent = parents[parents.length - 1];
          if (dialect.families(parent).some((f) => f.parse(node.line))) continue;
          const negation = negationOf(dialect, resolveLine(dialect, parent, node.line), node.line);
          const key = `${d.platform}|${(parent ?? '').replace(/\S+\d\S*/g, 'N')}|${negation.replace(/\d+/g, 'N').replace(/\{\{[^}]+\}\}/g, 'S')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (REFUSED.some((r) => r.test(negation)) || (/^firewall zone (?:local|trust|untrust|dmz)$/.test(parent ?? '') && negation === 'undo set priority')) continue;
          lab.cli(d.name).boot(text);
          const term = new Terminal(lab.cli(d.name));
          await term.start();
          let out = await term.send([...(rgos ? ['configure terminal'] : ['system-view']), ...parents, negation].join('\r') + '\r');
          if (/\[Y\/N\]:?$/.test(out)) out += await term.type('y');
          const errors = out.split('\r\n').filter((l) => /^(?:Error|%)/.test(l));
          if (errors.length) problems.push(`${d.name}: [${parents.join(' / ')}] ${negation}: ${errors[0]}`);
          term.session.drop();
          checked++;
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(20);
    });
  }
});
