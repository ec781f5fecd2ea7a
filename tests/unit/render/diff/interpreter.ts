/**
 * A small interpreter of configuration commands per platform, written independently of the
 * dialects under test: it applies a command list (as `planDiff` emits it) to a parsed configuration
 * tree the way the device would, and refuses what the device refuses (references to objects that do
 * not exist yet, deleting objects still in use, re-binding without unbinding, removing an address
 * VRRP still uses, changing a trunk's mode with members...). The property tests check
 * apply(a, diff(a, b)) == b with it.
 */
import type { ConfigNode, ConfigTree } from '../../../../src/render/index.js';
import { cloneTree } from '../../../../src/render/index.js';

export type Platform = 'huawei-vrp' | 'ruijie-rgos' | 'huawei-usg';

export class DeviceRejected extends Error {}

interface View {
  line: string | undefined;
  node: { children: ConfigNode[] };
}

// ---------------------------------------------------------------------------- VLAN lists (own parsers)

function huaweiItems(text: string): number[] {
  const w = text.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 0; i < w.length; i++) {
    if (w[i + 1] === 'to') { for (let v = Number(w[i]); v <= Number(w[i + 2]); v++) out.push(v); i += 2; }
    else out.push(Number(w[i]));
  }
  if (out.some((v) => !Number.isInteger(v))) throw new Error(`bad VLAN list '${text}'`);
  return out;
}

function huaweiFormat(prefix: string, ids: number[]): string[] {
  const s = [...new Set(ids)].sort((a, b) => a - b);
  const items: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    items.push(i === j ? `${s[i]}` : `${s[i]} to ${s[j]}`);
    i = j + 1;
  }
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += 10) lines.push(`${prefix} ${items.slice(i, i + 10).join(' ')}`);
  return lines;
}

const listCache = new Map<string, number[]>();

function ruijieList(text: string): number[] {
  const hit = listCache.get(text);
  if (hit) return hit;
  const out: number[] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let v = a!; v <= (b ?? a!); v++) out.push(v);
  }
  if (out.some((v) => !Number.isInteger(v))) throw new Error(`bad VLAN list '${text}'`);
  if (listCache.size > 10_000) listCache.clear();
  listCache.set(text, out);
  return out;
}

function ruijieFormat(s: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    parts.push(i === j ? `${s[i]}` : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

const ALL = Array.from({ length: 4094 }, (_v, i) => i + 1);

/** A set of VLAN ids as a bitmap. */
class IdSet {
  private readonly bits = new Uint8Array(4096);
  constructor(ids: readonly number[] = []) { for (const id of ids) this.bits[id] = 1; }
  has(id: number): boolean { return this.bits[id] === 1; }
  add(id: number): void { this.bits[id] = 1; }
  delete(id: number): void { this.bits[id] = 0; }
  clear(): void { this.bits.fill(0); }
  get size(): number { let n = 0; for (const b of this.bits) n += b; return n; }
  sorted(): number[] { const out: number[] = []; for (let i = 0; i < this.bits.length; i++) if (this.bits[i]) out.push(i); return out; }
}

interface SetFamily {
  view: (line: string | undefined) => boolean;
  /** A display line of the family → its effect. */
  lineOp: (line: string) => { op: 'add' | 'remove' | 'only'; ids: number[] } | undefined;
  /** A command of the family → its effect (may be the same as lineOp). */
  cmdOp: (cmd: string) => { op: 'add' | 'remove' | 'only'; ids: number[] } | undefined;
  base: number[];
  print: (ids: number[]) => string[];
}

const huaweiBatch: SetFamily = {
  view: (l) => l === undefined,
  lineOp: (l) => (l.startsWith('vlan batch ') ? { op: 'add', ids: huaweiItems(l.slice(11)) } : undefined),
  cmdOp: (c) => (c.startsWith('vlan batch ') ? { op: 'add', ids: huaweiItems(c.slice(11)) }
    : c.startsWith('undo vlan batch ') ? { op: 'remove', ids: huaweiItems(c.slice(16)) } : undefined),
  base: [],
  print: (ids) => huaweiFormat('vlan batch', ids),
};

const huaweiAllowPass: SetFamily = {
  view: (l) => l !== undefined && l.startsWith('interface '),
  lineOp: (l) => huaweiAllowPass.cmdOp(l),
  cmdOp: (c) => (c.startsWith('port trunk allow-pass vlan ') ? { op: 'add', ids: huaweiItems(c.slice(27)) }
    : c.startsWith('undo port trunk allow-pass vlan ') ? { op: 'remove', ids: huaweiItems(c.slice(32)) } : undefined),
  base: [1],
  print: (ids) => [...(ids.includes(1) ? [] : ['undo port trunk allow-pass vlan 1']), ...huaweiFormat('port trunk allow-pass vlan', ids.filter((v) => v !== 1))],
};

const ruijieAllowed: SetFamily = {
  view: (l) => l !== undefined && l.startsWith('interface '),
  lineOp: (l) => ruijieAllowed.cmdOp(l),
  cmdOp: (c) => {
    const m = /^switchport trunk allowed vlan (add|remove|only) (\S+)$/.exec(c);
    return m ? { op: m[1] as 'add' | 'remove' | 'only', ids: ruijieList(m[2]!) } : undefined;
  },
  base: ALL,
  print: (ids) => {
    const have = new IdSet(ids);
    const removed = ALL.filter((v) => !have.has(v));
    return removed.length ? [`switchport trunk allowed vlan remove ${ruijieFormat(removed)}`] : [];
  },
};

// ---------------------------------------------------------------------------- platform specs

interface Spec {
  enter: string;
  leave: string;
  exits: string[];
  neg: string;
  families: SetFamily[];
  /** Single-valued settings: key of a line (undefined: not single-valued). */
  key: (view: string | undefined, line: string) => string | undefined;
  /** Keys that must be removed before a new value is set. */
  strictKeys: RegExp;
  /** Commands that open a view when they create a line without sub-lines. */
  opens: (view: string | undefined, line: string) => boolean;
  /** Negated commands the device shows as lines (in a view; undefined: top level). */
  shown: (view: string | undefined, cmd: string) => boolean;
  /** Positive commands that restore a default (the matching line disappears). */
  defaults: [RegExp, (m: RegExpExecArray) => RegExp][];
  /** Removal commands whose targets are not found by prefix: the lines they remove. */
  aliases: [RegExp, (m: RegExpExecArray) => RegExp][];
  /** Checks and side effects around each command. */
  before?: (d: Device, view: View, cmd: string, negated: boolean) => void;
  after?: (d: Device, view: View, cmd: string, negated: boolean) => void;
  /** Views whose children are ordered. */
  ordered: (view: string | undefined) => boolean;
}

class Device {
  constructor(readonly tree: ConfigTree, readonly spec: Spec) {}

  top(prefix: string): ConfigNode[] {
    return this.tree.children.filter((n) => n.line.startsWith(prefix));
  }

  find(line: string): ConfigNode | undefined {
    return this.tree.children.find((n) => n.line === line);
  }

  familySet(view: View, fam: SetFamily): IdSet {
    const set = new IdSet(fam.base);
    for (const n of view.node.children) {
      if (n.children.length) continue;
      const op = fam.lineOp(n.line);
      if (!op) continue;
      if (op.op === 'only') set.clear();
      for (const id of op.ids) (op.op === 'remove' ? set.delete(id) : set.add(id));
    }
    return set;
  }

  setFamily(view: View, fam: SetFamily, ids: IdSet): void {
    const kids = view.node.children;
    const at = kids.findIndex((n) => n.children.length === 0 && fam.lineOp(n.line) !== undefined);
    const rest = kids.filter((n) => n.children.length > 0 || fam.lineOp(n.line) === undefined);
    const lines = fam.print(ids.sorted()).map((line) => ({ line, children: [] as ConfigNode[] }));
    rest.splice(at < 0 ? rest.length : Math.min(at, rest.length), 0, ...lines);
    view.node.children = rest;
  }

  /** VLANs present on the switch. */
  vlans(): { has(id: number): boolean } {
    if (this.spec.enter === 'configure terminal') {
      return new Set(this.top('vlan ').map((n) => Number(/^vlan (\d+)$/.exec(n.line)?.[1])).filter((v) => v > 0));
    }
    return this.familySet({ line: undefined, node: this.tree }, huaweiBatch);
  }
}

const reject = (msg: string): never => { throw new DeviceRejected(msg); };
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every line of every interface, with the interface line. */
function interfaceLines(d: Device): { itf: ConfigNode; line: string }[] {
  return d.top('interface ').flatMap((itf) => itf.children.map((c) => ({ itf, line: c.line })));
}

// ------------------------------------------------------------------ Huawei (VRP and USG)

function huaweiSpec(usg: boolean): Spec {
  return {
    enter: 'system-view', leave: 'return', exits: ['quit'], neg: 'undo ',
    families: [huaweiBatch, huaweiAllowPass],
    key(view, line) {
      const keyed: RegExp[] = [
        /^(sysname) /, /^(description) /, /^(ip address) \S+ \S+$/, /^(port default vlan) /, /^(port link-type) /, /^(port trunk pvid vlan) /,
        /^(ip binding vpn-instance) /, /^(route-distinguisher) /, /^(eth-trunk) /, /^(mode) /, /^(vrrp vrid \d+ priority) /,
        /^(vrrp vrid \d+ preempt-mode) /, /^(vrrp vrid \d+ timer advertise) /, /^(vrrp vrid \d+ track \S+ \S+)/, /^(set priority) /, /^(action) /,
        /^(ip route-static (?:vpn-instance \S+ )?\S+ \S+ \S+)/, /^(mpls lsr-id) /, /^(router-id) /, /^(nat server (?!protocol)\S+) /,
        /^(snmp-agent sys-info (?:location|contact|version)) /, /^(local-user \S+ (?:password|privilege level|service-type|level)) /,
        /^(password cipher) /, /^(service-type) /, /^(level) /, /^(preference) \d+ \d+ \d+$/, /^(hrp interface) /, /^(l2tp domain suffix-separator) /,
        /^(pre-shared-key|ike-proposal|encryption-algorithm|authentication-algorithm|integrity-algorithm|dh|encapsulation-mode|ike-peer|proposal) /,
        /^(esp (?:authentication|encryption)-algorithm) /, /^(ip pool \d+) /, /^(ipsec policy) \S+$/, /^(ospf \d+)(?: |$)/, /^(mode) /, /^(section \d+) /,
        /^(address-group|easy-ip) /,
      ];
      void view;
      for (const re of keyed) { const m = re.exec(line); if (m) return m[1]; }
      return undefined;
    },
    strictKeys: /^(ip binding vpn-instance|route-distinguisher|eth-trunk|nat server \S+)$/,
    opens: (view, line) => (view === undefined && /^(interface |vlan \d+$|ip vpn-instance |bgp |aaa$|mpls$|mpls ldp$|firewall zone |security-policy$|policy interzone |user-interface |traffic |ip service-set |l2tp-group |ospf \d+|ike (proposal|peer) |ipsec (proposal|policy-template) |ipsec policy \S+ \d+ isakmp|nat address-group \S+$|nat-policy)/.test(line))
      || (view !== undefined && /^(ipv4-family|rule name |policy \d+$|area |manager-user |domain )/.test(line)),
    // LLDP: off by default globally on VRP5 S-series, on per port once enabled (§2.15).
    shown: (view, cmd) => (usg ? /^undo (tunnel authentication|service-manage enable|synchronization)$/.test(cmd)
      : /^undo (portswitch|negotiation auto|synchronization|vrrp vrid \d+ preempt-mode)$/.test(cmd) || (view !== undefined && cmd === 'undo lldp enable')),
    defaults: [
      [/^vrrp vrid (\d+) preempt-mode timer delay 0$/, (m) => new RegExp(`^vrrp vrid ${m[1]} preempt-mode `)],
      [/^mode manual load-balance$/, () => /^mode /],
      [/^undo portswitch$/, () => /^portswitch$/],
    ],
    aliases: [
      [/^nat server name (\S+)$/, (m) => new RegExp(`^nat server ${esc(m[1]!)} `)],
      // The community is given in clear; the device shows `read cipher <cipher>` (here: the token).
      [/^snmp-agent community (read|write) (\S+)$/, (m) => new RegExp(`^snmp-agent community ${m[1]} cipher ${esc(m[2]!)}( |$)`)],
      // `undo ssh user X` / `undo local-user X` remove the user and every line about it.
      [/^(ssh user|local-user) (\S+)$/, (m) => new RegExp(`^${m[1]} ${esc(m[2]!)}( |$)`)],
      // `undo traffic-policy [name] inbound`.
      [/^traffic-policy (inbound|outbound)$/, (m) => new RegExp(`^traffic-policy \\S+ ${m[1]}$`)],
    ],
    ordered: (view) => view === 'security-policy' || view === 'nat-policy',
    before(d, view, cmd, negated) {
      const itf = view.line?.startsWith('interface ') ? view : undefined;
      const has = (re: RegExp) => itf?.node.children.some((c) => re.test(c.line)) ?? false;
      if (!negated) {
        let m: RegExpExecArray | null;
        if ((m = /^ip binding vpn-instance (\S+)$/.exec(cmd)) && itf) {
          const vpn = d.find(`ip vpn-instance ${m[1]}`);
          if (!vpn?.children.some((c) => c.line === 'ipv4-family' && c.children.some((x) => x.line.startsWith('route-distinguisher ')))) reject(`vpn-instance ${m[1]} has no RD`);
          if (has(/^vrrp vrid /)) reject('binding would clear addresses VRRP uses');
        }
        if ((m = /^eth-trunk (\d+)$/.exec(cmd)) && itf) {
          if (!d.find(`interface Eth-Trunk${m[1]}`)) reject(`Eth-Trunk${m[1]} does not exist`);
          if (has(/^(port |ip address|undo portswitch)/)) reject('member has its own layer-2/3 configuration');
        }
        if ((m = /^mode (.+)$/.exec(cmd)) && itf && /Eth-Trunk(\d+)$/.test(view.line!)) {
          const id = /Eth-Trunk(\d+)$/.exec(view.line!)![1];
          if (interfaceLines(d).some((x) => x.line === `eth-trunk ${id}`)) reject('Eth-Trunk has members: mode cannot change');
        }
        if ((m = /^port link-type (\S+)$/.exec(cmd)) && itf) {
          if (has(/^port default vlan /)) reject('remove port default vlan first');
          const fam = d.familySet(view, huaweiAllowPass);
          if (m[1] !== 'trunk' && !(fam.size === 1 && fam.has(1))) reject('remove trunk VLANs first');
          if (has(/^undo portswitch$/)) reject('routed port');
        }
        if ((m = /^port default vlan (\d+)$/.exec(cmd)) && itf) {
          if (!has(/^port link-type access$/)) reject('not an access port');
          if (!d.vlans().has(Number(m[1]))) reject(`VLAN ${m[1]} does not exist`);
        }
        if ((m = /^port trunk allow-pass vlan (.+)$/.exec(cmd)) && itf) {
          if (!has(/^port link-type trunk$/)) reject('not a trunk');
          const vl = d.vlans();
          for (const v of huaweiItems(m[1]!)) if (v !== 1 && !vl.has(v)) reject(`VLAN ${v} does not exist`);
        }
        if (/^undo port trunk allow-pass vlan /.test(cmd) && itf && !has(/^port link-type trunk$/)) reject('not a trunk');
        if (/^ip address /.test(cmd) && itf && /GigabitEthernet/.test(view.line!) && !usg && !has(/^undo portswitch$/)) reject('layer-2 port');
        if (/^undo portswitch$/.test(cmd) && itf && has(/^(port |eth-trunk )/)) reject('remove layer-2 configuration first');
        if ((m = /^interface Vlanif(\d+)$/.exec(cmd)) && view.line === undefined && !d.find(cmd) && !usg && !d.vlans().has(Number(m[1]))) reject(`VLAN ${m[1]} does not exist`);
        if ((m = /^vrrp vrid (\d+) track interface (\S+)/.exec(cmd)) && !d.find(`interface ${m[2]}`)) reject(`no interface ${m[2]}`);
        if ((m = /^vrrp vrid \d+ virtual-ip/.exec(cmd)) && itf && !has(/^ip address \S+ \S+$/)) reject('VRRP without an address');
        if ((m = /^vpn-target /.exec(cmd)) && !view.node.children.some((c) => c.line.startsWith('route-distinguisher '))) reject('vpn-target before RD');
        if ((m = /^ip route-static vpn-instance (\S+) /.exec(cmd)) && !d.find(`ip vpn-instance ${m[1]}`)) reject(`no vpn-instance ${m[1]}`);
        if ((m = /^add interface (\S+)$/.exec(cmd))) {
          if (d.top('firewall zone').some((z) => z.children.some((c) => c.line === cmd))) reject(`${m[1]} is already in a zone`);
          if (!d.find(`interface ${m[1]}`)) reject(`no interface ${m[1]}`);
        }
        if ((m = /^(source|destination)-zone (\S+)$/.exec(cmd))) {
          const z = m[2]!;
          if (!['trust', 'untrust', 'dmz', 'local'].includes(z) && !d.find(`firewall zone name ${z}`)) reject(`no zone ${z}`);
        }
      } else {
        let m: RegExpExecArray | null;
        if ((m = /^undo vlan batch (.+)$/.exec(cmd)) && view.line === undefined) {
          const gone = new Set(huaweiItems(m[1]!));
          for (const x of interfaceLines(d)) {
            const pv = /^port default vlan (\d+)$/.exec(x.line);
            if (pv && gone.has(Number(pv[1]))) reject(`VLAN ${pv[1]} in use on ${x.itf.line}`);
            const ap = huaweiAllowPass.lineOp(x.line);
            if (ap?.op === 'add') for (const v of ap.ids) if (gone.has(v)) reject(`VLAN ${v} allowed on ${x.itf.line}`);
          }
          for (const v of gone) if (d.find(`interface Vlanif${v}`)) reject(`Vlanif${v} exists`);
        }
        if ((m = /^undo ip vpn-instance (\S+)$/.exec(cmd))) {
          if (interfaceLines(d).some((x) => x.line === `ip binding vpn-instance ${m![1]}`)) reject(`vpn-instance ${m[1]} still bound`);
          if (d.top(`ip route-static vpn-instance ${m[1]} `).length) reject(`vpn-instance ${m[1]} has routes`);
        }
        if ((m = /^undo interface Eth-Trunk(\d+)$/.exec(cmd)) && interfaceLines(d).some((x) => x.line === `eth-trunk ${m![1]}`)) reject('Eth-Trunk has members');
        if ((m = /^undo interface (\S+)$/.exec(cmd))) {
          const name = m[1]!;
          if (interfaceLines(d).some((x) => x.line.startsWith('vrrp vrid ') && x.line.includes(` track interface ${name} `))) reject(`${name} tracked by VRRP`);
          if (d.top('firewall zone').some((z) => z.children.some((c) => c.line === `add interface ${name}`))) reject(`${name} in a zone`);
        }
        if (itf && (/^undo ip address/.test(cmd) || /^undo ip binding vpn-instance/.test(cmd)) && has(/^vrrp vrid /)) {
          // VRRP needs the primary address: only removing a secondary is allowed.
          if (!/ sub$/.test(cmd)) reject('VRRP still uses the address');
        }
        if ((m = /^undo firewall zone name (\S+)$/.exec(cmd))) {
          const sp = d.find('security-policy');
          if (sp?.children.some((r) => r.children.some((c) => c.line === `source-zone ${m![1]}` || c.line === `destination-zone ${m![1]}`))) reject(`zone ${m[1]} in use`);
        }
      }
    },
    after(d, view, cmd, negated) {
      let m: RegExpExecArray | null;
      const clearAddresses = () => { view.node.children = view.node.children.filter((c) => !c.line.startsWith('ip address ')); };
      if (/^ip binding vpn-instance /.test(cmd) || /^undo ip binding vpn-instance /.test(cmd)) clearAddresses();
      if (negated && /^undo route-distinguisher$/.test(cmd)) view.node.children = view.node.children.filter((c) => !c.line.startsWith('vpn-target '));
      if (!negated && (m = /^vlan (\d+)$/.exec(cmd)) && view.line === undefined) {
        const root = { line: undefined, node: d.tree };
        const set = d.familySet(root, huaweiBatch);
        if (!set.has(Number(m[1]))) { set.add(Number(m[1])); d.setFamily(root, huaweiBatch, set); }
      }
      if (negated && (m = /^undo vlan batch (.+)$/.exec(cmd))) {
        const gone = new Set(huaweiItems(m[1]!));
        d.tree.children = d.tree.children.filter((n) => !(/^vlan (\d+)$/.test(n.line) && gone.has(Number(n.line.slice(5)))));
      }
      if (negated && /^undo ip address$/.test(cmd)) clearAddresses();
      // A VRRP group lives with its virtual addresses: the last one gone, the group goes, settings and all.
      if (negated && (m = /^undo vrrp vrid (\d+) virtual-ip \S+$/.exec(cmd)) && !view.node.children.some((c) => c.line.startsWith(`vrrp vrid ${m![1]} virtual-ip `))) {
        view.node.children = view.node.children.filter((c) => !c.line.startsWith(`vrrp vrid ${m![1]} `) && !c.line.startsWith(`undo vrrp vrid ${m![1]} `));
      }
    },
  };
}

// ------------------------------------------------------------------ Ruijie RGOS

function ruijieSpec(): Spec {
  return {
    enter: 'configure terminal', leave: 'end', exits: ['exit', 'exit-address-family'], neg: 'no ',
    families: [ruijieAllowed],
    key(_view, line) {
      const keyed: RegExp[] = [
        /^(hostname) /, /^(description) /, /^(ip address) \S+ \S+$/, /^(switchport access vlan) /, /^(switchport mode) /, /^(switchport trunk native vlan) /,
        /^(ip vrf forwarding|vrf forwarding) /, /^(rd) /, /^(port-group) /, /^(name) /, /^(vrrp \d+ priority) /, /^(vrrp \d+ preempt)/,
        /^(vrrp \d+ timers advertise) /, /^(vrrp \d+ track .+) \d+$/, /^(ip route (?:vrf \S+ )?\S+ \S+ \S+)/, /^(speed) /,
        /^(snmp-server (?:location|contact)) /, /^(username \S+) /, /^(router-id) /,
      ];
      for (const re of keyed) { const m = re.exec(line); if (m) return m[1]!.replace(/^vrf forwarding/, 'ip vrf forwarding'); }
      return undefined;
    },
    strictKeys: /^(ip vrf forwarding|rd|port-group)$/,
    opens: (view, line) => (view === undefined && /^(interface |vlan \d+$|ip vrf |vrf definition |router |line |ip access-list |class-map |policy-map )/.test(line))
      || (view !== undefined && /^(address-family |class \S+$)/.test(line)),
    // Shown because the default is on: telnet and the web server run unless disabled (ssh-server is off by default).
    shown: (_view, cmd) => /^no (switchport|enable service (?:telnet-server|web-server)|vrrp \d+ preempt|lldp enable)$/.test(cmd),
    defaults: [],
    aliases: [],
    ordered: () => false,
    before(d, view, cmd, negated) {
      const itf = view.line?.startsWith('interface ') ? view : undefined;
      const has = (re: RegExp) => itf?.node.children.some((c) => re.test(c.line)) ?? false;
      let m: RegExpExecArray | null;
      if (!negated) {
        if ((m = /^ip vrf forwarding (\S+)$/.exec(cmd)) && itf) {
          if (!d.find(`ip vrf ${m[1]}`)) reject(`no ip vrf ${m[1]}`);
          if (has(/^vrrp /)) reject('binding would clear addresses VRRP uses');
        }
        if ((m = /^switchport access vlan (\d+)$/.exec(cmd)) && !d.vlans().has(Number(m[1]))) reject(`VLAN ${m[1]} does not exist`);
        if ((m = /^port-group (\d+)/.exec(cmd)) && itf && has(/^(switchport |ip address|no switchport)/)) reject('member has its own configuration');
        if (/^ip address /.test(cmd) && itf && /GigabitEthernet/.test(view.line!) && !has(/^no switchport$/)) reject('layer-2 port');
        if (/^no switchport$/.test(cmd) && itf && has(/^(switchport |port-group )/)) reject('remove layer-2 configuration first');
        if ((m = /^vrrp (\d+) track (.+) \d+$/.exec(cmd)) && !d.find(`interface ${m[2]}`)) reject(`no interface ${m[2]}`);
        if (/^vrrp \d+ ip /.test(cmd) && itf && !has(/^ip address \S+ \S+$/)) reject('VRRP without an address');
        if ((m = /^ip route vrf (\S+) /.exec(cmd)) && !d.find(`ip vrf ${m[1]}`)) reject(`no ip vrf ${m[1]}`);
        if ((m = /^interface VLAN (\d+)$/.exec(cmd)) && !d.find(cmd) && !d.vlans().has(Number(m[1]))) reject(`VLAN ${m[1]} does not exist`);
      } else {
        if ((m = /^no vlan (\d+)$/.exec(cmd))) {
          const v = m[1];
          if (interfaceLines(d).some((x) => x.line === `switchport access vlan ${v}`)) reject(`VLAN ${v} in use`);
          if (d.find(`interface VLAN ${v}`)) reject(`interface VLAN ${v} exists`);
        }
        if ((m = /^no ip vrf (\S+)$/.exec(cmd))) {
          if (interfaceLines(d).some((x) => x.line === `ip vrf forwarding ${m![1]}`)) reject(`vrf ${m[1]} still bound`);
          if (d.top(`ip route vrf ${m[1]} `).length) reject(`vrf ${m[1]} has routes`);
        }
        if ((m = /^no interface AggregatePort (\d+)$/.exec(cmd)) && interfaceLines(d).some((x) => new RegExp(`^port-group ${m![1]}( |$)`).test(x.line))) reject('AggregatePort has members');
        if ((m = /^no interface (.+)$/.exec(cmd))) {
          const name = m[1]!;
          if (interfaceLines(d).some((x) => new RegExp(`^vrrp \\d+ track ${name} \\d+$`).test(x.line))) reject(`${name} tracked by VRRP`);
        }
        if (itf && (/^no ip address/.test(cmd) || /^no ip vrf forwarding/.test(cmd)) && has(/^vrrp /) && !/ secondary$/.test(cmd)) reject('VRRP still uses the address');
      }
    },
    after(d, view, cmd, negated) {
      let m: RegExpExecArray | null;
      if (/^(no )?ip vrf forwarding /.test(cmd)) view.node.children = view.node.children.filter((c) => !c.line.startsWith('ip address '));
      if (negated && /^no ip address$/.test(cmd)) view.node.children = view.node.children.filter((c) => !c.line.startsWith('ip address '));
      if (!negated && (m = /^port-group (\d+)/.exec(cmd)) && !d.find(`interface AggregatePort ${m[1]}`)) {
        d.tree.children.push({ line: `interface AggregatePort ${m[1]}`, children: [] });
      }
    },
  };
}

const SPECS: Record<Platform, Spec> = {
  'huawei-vrp': huaweiSpec(false),
  'huawei-usg': huaweiSpec(true),
  'ruijie-rgos': ruijieSpec(),
};

// ---------------------------------------------------------------------------- the interpreter

/** Apply a command list (from entering configuration mode to leaving it) to a copy of `tree`. */
export function applyCommands(platform: Platform, tree: ConfigTree, commands: readonly string[]): ConfigTree {
  const spec = SPECS[platform];
  const out = cloneTree(tree);
  if (!commands.length) return out;
  if (commands[0] !== spec.enter) throw new DeviceRejected(`first command must be '${spec.enter}', got '${commands[0]}'`);
  if (commands[commands.length - 1] !== spec.leave) throw new DeviceRejected(`last command must be '${spec.leave}'`);
  const d = new Device(out, spec);
  const stack: View[] = [{ line: undefined, node: out }];
  for (let i = 1; i < commands.length - 1; i++) {
    const cmd = commands[i]!;
    try {
      step(d, stack, cmd);
    } catch (e) {
      if (e instanceof DeviceRejected) throw new DeviceRejected(`command ${i} '${cmd}' in [${stack.map((v) => v.line ?? '').join(' > ')}]: ${e.message}`);
      throw e;
    }
  }
  if (stack.length !== 1) throw new DeviceRejected(`left configuration mode from a sub-view (${stack[stack.length - 1]!.line})`);
  return out;
}

function step(d: Device, stack: View[], cmd: string): void {
  const spec = d.spec;
  const view = stack[stack.length - 1]!;
  if (spec.exits.includes(cmd)) {
    if (stack.length === 1) throw new DeviceRejected('exit at top level');
    stack.pop();
    return;
  }
  if (cmd === 'rule move' || cmd.startsWith('rule move ')) {
    const m = /^rule move (\S+) before (\S+)$/.exec(cmd);
    if (!m || (view.line !== 'security-policy' && view.line !== 'nat-policy')) throw new DeviceRejected('bad rule move');
    const kids = view.node.children;
    const a = kids.findIndex((n) => n.line === `rule name ${m[1]}`);
    if (a < 0 || !kids.some((n) => n.line === `rule name ${m[2]}`)) throw new DeviceRejected('rule move: no such rule');
    const [moved] = kids.splice(a, 1);
    kids.splice(kids.findIndex((n) => n.line === `rule name ${m[2]}`), 0, moved!);
    return;
  }
  const negated = cmd.startsWith(spec.neg) && !spec.shown(view.line, cmd);
  spec.before?.(d, view, cmd, negated);
  for (const fam of spec.families) {
    if (!fam.view(view.line)) continue;
    const op = fam.cmdOp(cmd);
    if (!op) continue;
    const set = d.familySet(view, fam);
    if (op.op === 'only') set.clear();
    for (const id of op.ids) (op.op === 'remove' ? set.delete(id) : set.add(id));
    d.setFamily(view, fam, set);
    spec.after?.(d, view, cmd, negated);
    return;
  }
  const kids = view.node.children;
  if (negated) {
    const target = cmd.slice(spec.neg.length);
    const alias = spec.aliases.map(([re, f]) => { const m = re.exec(target); return m ? f(m) : undefined; }).find((x) => x !== undefined);
    let hit = alias ? kids.filter((n) => alias.test(n.line)) : kids.filter((n) => n.line === target);
    if (!hit.length && !alias) hit = kids.filter((n) => n.line.startsWith(`${target} `));
    if (!hit.length) throw new DeviceRejected(`nothing to remove for '${cmd}'`);
    view.node.children = kids.filter((n) => !hit.includes(n));
    spec.after?.(d, view, cmd, negated);
    return;
  }
  // A shown negation (`undo portswitch`): replaces its positive form.
  if (spec.shown(view.line, cmd)) {
    const positive = cmd.slice(spec.neg.length);
    const filtered = kids.filter((n) => n.line !== positive);
    if (!filtered.some((n) => n.line === cmd)) filtered.push({ line: cmd, children: [] });
    view.node.children = filtered;
    spec.after?.(d, view, cmd, negated);
    return;
  }
  // Restoring a default removes the line that held the other value.
  for (const [re, victim] of spec.defaults) {
    const m = re.exec(cmd);
    if (!m) continue;
    const v = victim(m);
    view.node.children = kids.filter((n) => !v.test(n.line));
    spec.after?.(d, view, cmd, negated);
    return;
  }
  const shown = kids.findIndex((n) => n.line === spec.neg + cmd);
  if (shown >= 0) {
    kids.splice(shown, 1);
    spec.after?.(d, view, cmd, negated);
    return;
  }
  const existing = kids.find((n) => n.line === cmd);
  if (existing) {
    if (existing.children.length || spec.opens(view.line, cmd)) stack.push({ line: cmd, node: existing });
    spec.after?.(d, view, cmd, negated);
    return;
  }
  const key = spec.key(view.line, cmd);
  if (key !== undefined) {
    const idx = kids.findIndex((n) => spec.key(view.line, n.line) === key);
    if (idx >= 0) {
      if (spec.strictKeys.test(key)) throw new DeviceRejected(`'${key}' is set: remove it first`);
      kids[idx] = { line: cmd, children: [] };
      spec.after?.(d, view, cmd, negated);
      return;
    }
  }
  const node: ConfigNode = { line: cmd, children: [] };
  kids.push(node);
  if (spec.opens(view.line, cmd)) stack.push({ line: cmd, node });
  spec.after?.(d, view, cmd, negated);
}

// ---------------------------------------------------------------------------- comparison

/**
 * A canonical form for comparing configurations: family lines as sets, other lines sorted (except
 * in ordered views), delimiters and header ignored.
 */
export function canonical(platform: Platform, tree: ConfigTree): unknown {
  const spec = SPECS[platform];
  const view = (line: string | undefined, nodes: readonly ConfigNode[]): unknown => {
    const fams: Record<string, number[]> = {};
    const rest: { line: string; kids: unknown }[] = [];
    const d = new Device({ ...tree, children: [] }, spec);
    spec.families.forEach((fam, i) => {
      if (!fam.view(line)) return;
      const set = d.familySet({ line, node: { children: [...nodes] } }, fam);
      fams[`family${i}`] = set.sorted();
    });
    for (const n of nodes) {
      if (n.children.length === 0 && spec.families.some((f) => f.view(line) && f.lineOp(n.line))) continue;
      // VRP does not display a `vlan N` block without sub-commands, nor an empty `security-policy`.
      if (line === undefined && spec.neg === 'undo ' && n.children.length === 0 && /^(vlan \d+|security-policy|nat-policy)$/.test(n.line)) continue;
      rest.push({ line: n.line, kids: view(n.line, n.children) });
    }
    if (!spec.ordered(line)) rest.sort((a, b) => (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
    return { fams, rest };
  };
  return view(undefined, tree.children);
}
