/** The operational view of an RGOS running configuration (state/types.ts DeviceOperConfig). */
import { type ConfigNode, type ConfigTree, getDialect, parseConfig } from '../../../render/index.js';
import { familySet, idsOf } from '../../../render/dialect.js';
import type { DeviceOperConfig, InterfaceConfig, VrrpConfig } from '../../state/types.js';
import { cidr } from '../huawei-vrp/interpret.js';

/** `tree`: the text already parsed (the CLI's own tree of what it printed), to spare a second parse. */
export function interpretRgos(text: string, previous?: readonly VrrpConfig[], tree: ConfigTree = parseConfig(text, 'ruijie-rgos')): DeviceOperConfig {
  const cfg: DeviceOperConfig = { sysName: 'Ruijie', sysContact: '', sysLocation: '', interfaces: {}, vlans: [1], vrrp: [] };
  const vlans = new Set([1]);
  for (const n of tree.children) {
    const l = n.line;
    let m: RegExpExecArray | null;
    if ((m = /^hostname (.+)$/.exec(l))) cfg.sysName = m[1]!;
    else if ((m = /^snmp-server contact (.+)$/.exec(l))) cfg.sysContact = m[1]!;
    else if ((m = /^snmp-server location (.+)$/.exec(l))) cfg.sysLocation = m[1]!;
    else if ((m = /^vlan (\d+)$/.exec(l))) vlans.add(Number(m[1]));
    else if ((m = /^interface (.+)$/.exec(l))) interpretInterface(m[1]!, n, cfg, previous);
  }
  cfg.vlans = [...vlans].sort((a, b) => a - b);
  return cfg;
}

function interpretInterface(name: string, n: ConfigNode, cfg: DeviceOperConfig, previous?: readonly VrrpConfig[]): void {
  const [allowed] = getDialect('ruijie-rgos').families(n.line);
  const ops = [];
  const c: InterfaceConfig = { shutdown: false, description: '', addresses: [] };
  let routed = false;
  let trunk = false;
  let access: number | undefined;
  let native: number | undefined;
  const primary: string[] = [];
  const secondary: string[] = [];
  const svi = /^VLAN (\d+)$/.exec(name);
  const vrrp = new Map<number, VrrpConfig>();
  const group = (vrid: number): VrrpConfig => {
    let v = vrrp.get(vrid);
    if (!v) {
      const prev = previous?.find((p) => p.interface === name && p.vrid === vrid);
      v = { interface: name, vlan: svi ? Number(svi[1]) : prev?.vlan ?? 0, vrid, virtualIps: [], priority: 100, preempt: true, preemptDelayS: 0, advertiseIntervalS: 1, track: [] };
      vrrp.set(vrid, v);
    }
    return v;
  };
  for (const child of n.children) {
    const l = child.line;
    let m: RegExpExecArray | null;
    if (allowed?.parse(l)) { ops.push(allowed.parse(l)!); continue; }
    if (l === 'shutdown') c.shutdown = true;
    else if ((m = /^description (.*)$/.exec(l))) c.description = m[1]!;
    else if (l === 'no switchport') routed = true;
    else if (l === 'switchport mode trunk') trunk = true;
    else if ((m = /^switchport access vlan (\d+)$/.exec(l))) access = Number(m[1]);
    else if ((m = /^switchport trunk native vlan (\d+)$/.exec(l))) native = Number(m[1]);
    else if ((m = /^port-group (\d+)/.exec(l))) c.lag = Number(m[1]);
    else if ((m = /^ip address (\S+) (\S+) secondary$/.exec(l))) secondary.push(cidr(m[1]!, m[2]!));
    else if ((m = /^ip address (\S+) (\S+)$/.exec(l))) primary.push(cidr(m[1]!, m[2]!));
    else if ((m = /^(?:ip )?vrf forwarding (\S+)$/.exec(l))) c.vpn = m[1];
    else if ((m = /^speed (\S+)$/.exec(l))) c.speed = m[1];
    else if ((m = /^vrrp (\d+) ip (\S+)$/.exec(l))) group(Number(m[1])).virtualIps.push(m[2]!);
    else if ((m = /^vrrp (\d+) priority (\d+)$/.exec(l))) group(Number(m[1])).priority = Number(m[2]);
    else if ((m = /^vrrp (\d+) preempt delay (\d+)$/.exec(l))) group(Number(m[1])).preemptDelayS = Number(m[2]);
    else if ((m = /^no vrrp (\d+) preempt$/.exec(l))) group(Number(m[1])).preempt = false;
    else if ((m = /^vrrp (\d+) timers advertise (\d+)$/.exec(l))) group(Number(m[1])).advertiseIntervalS = Number(m[2]);
    else if ((m = /^vrrp (\d+) track (.+) (\d+)$/.exec(l))) group(Number(m[1])).track.push({ interface: m[2]!, reduce: Number(m[3]) });
  }
  if (routed) c.mode = 'routed';
  else if (trunk) {
    c.mode = 'trunk';
    if (allowed && ops.length) {
      const ids = idsOf(familySet(allowed, ops));
      if (ids.length < 4094) c.allowedVlans = ids;
    }
    if (native !== undefined) c.vlan = native;
  } else if (access !== undefined) {
    c.mode = 'access';
    c.vlan = access;
  }
  c.addresses = [...primary, ...secondary];
  cfg.interfaces[name] = c;
  for (const v of vrrp.values()) if (v.virtualIps.length) cfg.vrrp.push(v);
}
