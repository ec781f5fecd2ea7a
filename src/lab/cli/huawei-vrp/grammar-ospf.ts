/**
 * OSPF on the VRP (issue #10: the IGP under BGP and LDP), as the renderer prints it
 * (src/render/huawei-vrp/ospf.ts, docs/devices/huawei-vrp.md "OSPF"):
 *
 *   ospf 1 router-id 10.250.0.1
 *    area 0.0.0.0
 *     network 10.250.1.0 0.0.0.3
 *
 * `ospf [N] [router-id X]` enters the process (1 by default; a new router id replaces the old one
 * and keeps the areas), `area` takes a number or dotted form and is printed dotted, `network`
 * takes an address and a wildcard. Their `undo` forms remove what they name.
 */
import { cmd, isYes, startsWithWords } from '../commands.js';
import type { CommandDef, Exec } from '../platform.js';

function dottedArea(text: string): string | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n > 4294967295) return undefined;
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m || m.slice(1).some((p) => Number(p) > 255)) return undefined;
  return m.slice(1).map(Number).join('.');
}

const processOf = (x: Exec): number => (x.args.int as number | undefined) ?? 1;

export function vrpOspfCommands(): { system: CommandDef[]; ospf: CommandDef[]; 'ospf-area': CommandDef[] } {
  const system: CommandDef[] = [
    cmd('ospf [<1-65535>] [router-id <ip>]', (x) => {
      const n = processOf(x);
      const existing = x.store.root.children.find((c) => startsWithWords(`ospf ${n}`)(c.line));
      const rid = x.args.ip as string | undefined;
      const line = rid ? `ospf ${n} router-id ${rid}` : existing?.line ?? `ospf ${n}`;
      let node = existing;
      if (!node) node = x.store.ensure(x.store.root, line);
      else if (node.line !== line) {
        x.store.remove(x.store.root, (l) => l === existing!.line);
        node = { line, children: existing!.children };
        x.store.insert(x.store.root, node);
        x.out('Info: The router ID takes effect after the OSPF process is reset.');
      }
      x.changed();
      x.enter('ospf', node, `ospf-${n}`, { ospf: n });
    }),
    cmd('undo ospf [<1-65535>]', async (x) => {
      const n = processOf(x);
      if (!x.store.root.children.some((c) => startsWithWords(`ospf ${n}`)(c.line))) { x.fail('The OSPF process does not exist.'); return; }
      if (!isYes(await x.ask(`Warning: The OSPF process ${n} will be deleted. Continue? [Y/N]:`))) return;
      x.store.remove(x.store.root, startsWithWords(`ospf ${n}`));
      x.changed();
    }),
  ];
  const ospf: CommandDef[] = [
    cmd('area <word>', (x) => {
      const id = dottedArea(x.args.word as string);
      if (!id) { x.syntaxError('wrong', 1); return; }
      const node = x.store.ensure(x.level, `area ${id}`);
      x.changed();
      x.enter('ospf-area', node, `${x.frame.label}-area-${id}`, x.frame.data);
    }),
    cmd('undo area <word>', (x) => {
      const id = dottedArea(x.args.word as string);
      if (!id) { x.syntaxError('wrong', 2); return; }
      if (x.unset((l) => l === `area ${id}`) === 0) x.fail('The area does not exist.');
    }),
  ];
  const area: CommandDef[] = [
    cmd('network <ip> <wild>', (x) => { x.set((l) => l === x.line); }),
    cmd('undo network <ip> <wild>', (x) => {
      if (x.unset((l) => l === x.line.slice(5)) === 0) x.fail('The network does not exist in this area.');
    }),
  ];
  return { system, ospf, 'ospf-area': area };
}
