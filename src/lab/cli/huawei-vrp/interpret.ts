/**
 * The operational view of a VRP (or USG) running configuration: what the state module needs to
 * compute interface status, VRRP and LLDP (state/types.ts DeviceOperConfig). Registered with each
 * LabDevice as its config interpreter.
 */
import type { Platform } from '../../../model/index.js';
import { type ConfigNode, type ConfigTree, getDialect, parseConfig } from '../../../render/index.js';
import { familySet, idsOf } from '../../../render/dialect.js';
import type { DeviceOperConfig, InterfaceConfig, VrrpConfig } from '../../state/types.js';
import { lengthOfMask } from '../grammar.js';

export function cidr(ip: string, mask: string): string {
  return `${ip}/${lengthOfMask(mask) ?? 32}`;
}

function empty(): InterfaceConfig {
  return { shutdown: false, description: '', addresses: [] };
}

export interface InterpretOptions {
  /** Ports are routed unless `portswitch` (USG) rather than switched unless `undo portswitch` (S-series). */
  routedByDefault: boolean;
  defaultSysName: string;
  /** Previous VRRP entries (to keep the VLAN of a group on a routed port). */
  previous?: readonly VrrpConfig[];
}

/** `tree`: the text already parsed (the CLI's own tree of what it printed), to spare a second parse. */
export function interpretVrp(platform: Platform, text: string, opts: InterpretOptions, tree: ConfigTree = parseConfig(text, platform)): DeviceOperConfig {
  const dialect = getDialect(platform);
  const cfg: DeviceOperConfig = {
    sysName: opts.defaultSysName, sysContact: '', sysLocation: '', interfaces: {}, vlans: [1], vrrp: [],
  };
  if (platform === 'huawei-vrp') cfg.interfaces.Vlanif1 = empty();
  const [vlanFamily] = dialect.families(undefined);
  const vlanOps = [];
  for (const n of tree.children) {
    const l = n.line;
    let m: RegExpExecArray | null;
    if ((m = /^sysname (.+)$/.exec(l))) cfg.sysName = m[1]!;
    else if ((m = /^snmp-agent sys-info contact (.+)$/.exec(l))) cfg.sysContact = m[1]!;
    else if ((m = /^snmp-agent sys-info location (.+)$/.exec(l))) cfg.sysLocation = m[1]!;
    else if (vlanFamily && n.children.length === 0 && vlanFamily.parse(l)) vlanOps.push(vlanFamily.parse(l)!);
    else if ((m = /^interface (\S+)$/.exec(l))) interpretInterface(platform, m[1]!, n, cfg, opts);
  }
  if (vlanFamily) cfg.vlans = [...new Set([1, ...idsOf(familySet(vlanFamily, vlanOps))])].sort((a, b) => a - b);
  return cfg;
}

function interpretInterface(platform: Platform, name: string, n: ConfigNode, cfg: DeviceOperConfig, opts: InterpretOptions): void {
  const dialect = getDialect(platform);
  const c = empty();
  const [allow] = dialect.families(n.line);
  const allowOps = [];
  let routed = opts.routedByDefault && !/^(?:Vlanif|Eth-Trunk|LoopBack|NULL|Virtual-Template|Tunnel)/.test(name);
  let linkType: string | undefined;
  let defaultVlan: number | undefined;
  let pvid: number | undefined;
  const primary: string[] = [];
  const secondary: string[] = [];
  const vrrp = new Map<number, VrrpConfig>();
  const sub = /\.(\d+)$/.exec(name);
  let dot1q = sub ? Number(sub[1]) : undefined;
  const svi = /^Vlanif(\d+)$/.exec(name);
  const group = (vrid: number): VrrpConfig => {
    let v = vrrp.get(vrid);
    if (!v) {
      const prev = opts.previous?.find((p) => p.interface === name && p.vrid === vrid);
      v = {
        interface: name, vlan: svi ? Number(svi[1]) : dot1q ?? prev?.vlan ?? 0, vrid, virtualIps: [], priority: 100, preempt: true,
        preemptDelayS: 0, advertiseIntervalS: 1, track: [],
      };
      vrrp.set(vrid, v);
    }
    return v;
  };
  for (const child of n.children) {
    const l = child.line;
    let m: RegExpExecArray | null;
    if (allow && allow.parse(l)) { allowOps.push(allow.parse(l)!); continue; }
    if (l === 'shutdown') c.shutdown = true;
    else if ((m = /^description (.*)$/.exec(l))) c.description = m[1]!;
    else if (l === 'undo portswitch') routed = true;
    else if (l === 'portswitch') routed = false;
    else if ((m = /^port link-type (\S+)$/.exec(l))) linkType = m[1];
    else if ((m = /^port default vlan (\d+)$/.exec(l))) defaultVlan = Number(m[1]);
    else if ((m = /^port trunk pvid vlan (\d+)$/.exec(l))) pvid = Number(m[1]);
    else if ((m = /^eth-trunk (\d+)$/.exec(l))) c.lag = Number(m[1]);
    else if ((m = /^ip address (\S+) (\S+) sub$/.exec(l))) secondary.push(cidr(m[1]!, m[2]!));
    else if ((m = /^ip address (\S+) (\S+)$/.exec(l))) primary.push(cidr(m[1]!, m[2]!));
    else if ((m = /^ip binding vpn-instance (\S+)$/.exec(l))) c.vpn = m[1];
    else if ((m = /^speed (\S+)$/.exec(l))) c.speed = m[1];
    else if ((m = /^(?:vlan-type dot1q|dot1q termination vid) (\d+)$/.exec(l))) dot1q = Number(m[1]);
    else if ((m = /^vrrp vrid (\d+) virtual-ip (\S+)/.exec(l))) group(Number(m[1])).virtualIps.push(m[2]!);
    else if ((m = /^vrrp vrid (\d+) priority (\d+)$/.exec(l))) group(Number(m[1])).priority = Number(m[2]);
    else if ((m = /^vrrp vrid (\d+) preempt-mode timer delay (\d+)$/.exec(l))) group(Number(m[1])).preemptDelayS = Number(m[2]);
    else if ((m = /^undo vrrp vrid (\d+) preempt-mode$/.exec(l))) group(Number(m[1])).preempt = false;
    else if ((m = /^vrrp vrid (\d+) timer advertise (\d+)$/.exec(l))) group(Number(m[1])).advertiseIntervalS = Number(m[2]);
    else if ((m = /^vrrp vrid (\d+) track interface (\S+)(?: reduced (\d+))?$/.exec(l))) {
      group(Number(m[1])).track.push({ interface: m[2]!, reduce: Number(m[3] ?? 10) });
    }
  }
  if (routed) c.mode = 'routed';
  else if (linkType === 'trunk') {
    c.mode = 'trunk';
    if (allow) c.allowedVlans = idsOf(familySet(allow, allowOps));
    if (pvid !== undefined) c.vlan = pvid;
  } else if (linkType === 'access' || linkType === 'hybrid') {
    c.mode = 'access';
    if (defaultVlan !== undefined) c.vlan = defaultVlan;
  }
  c.addresses = [...primary, ...secondary];
  cfg.interfaces[name] = c;
  for (const v of vrrp.values()) if (v.virtualIps.length) cfg.vrrp.push(v);
}
