/**
 * The operational configuration of a device (DeviceOperConfig): the baseline of an unconfigured
 * box, and the one the topology implies (what the rendered configuration would set up).
 */
import type { Device, Platform, Topology } from '../../model/index.js';
import { defaultLogicalInterfaces, lagName, loopbackName, sviName } from './interfaces.js';
import type { DeviceOperConfig, InterfaceConfig, VrrpConfig } from './types.js';

export function emptyInterfaceConfig(): InterfaceConfig {
  return { shutdown: false, description: '', addresses: [] };
}

/** The default sysname of an unconfigured box. */
export function defaultSysName(platform: Platform): string {
  return platform === 'ruijie-rgos' ? 'Ruijie' : platform === 'huawei-usg' ? 'USG' : 'HUAWEI';
}

/** What an unconfigured box runs: default sysname, all ports up in VLAN 1, no VRRP. */
export function baselineConfig(platform: Platform): DeviceOperConfig {
  const interfaces: Record<string, InterfaceConfig> = {};
  for (const l of defaultLogicalInterfaces(platform)) interfaces[l.name] = emptyInterfaceConfig();
  return { sysName: defaultSysName(platform), sysContact: '', sysLocation: '', interfaces, vlans: [1], vrrp: [] };
}

function iface(base: Partial<InterfaceConfig>): InterfaceConfig {
  const out: InterfaceConfig = { ...emptyInterfaceConfig() };
  for (const [k, v] of Object.entries(base)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

/** VRRP entries of one device from the topology's network-wide groups. */
export function vrrpFromTopology(topology: Topology, device: Device): VrrpConfig[] {
  const out: VrrpConfig[] = [];
  for (const g of topology.vrrp ?? []) {
    for (const m of g.members) {
      if (m.device !== device.name) continue;
      out.push({
        interface: sviName(device.platform, m.vlan),
        vlan: m.vlan,
        vrid: g.vrid,
        virtualIps: [g.virtualIp],
        priority: m.priority,
        preempt: true,
        preemptDelayS: g.preemptDelay ?? 0,
        advertiseIntervalS: g.advertiseInterval ?? 1,
        track: (m.track ?? []).map((t) => ({ interface: t.interface, reduce: t.reduce })),
      });
    }
  }
  return out;
}

/** The configuration the topology describes for a device, as the rendered config would set it. */
export function configFromTopology(topology: Topology, device: Device): DeviceOperConfig {
  const cfg = baselineConfig(device.platform);
  cfg.sysName = device.name;
  cfg.vlans = [...new Set([1, ...(device.vlans ?? [])])].sort((a, b) => a - b);
  for (const p of device.ports ?? []) {
    cfg.interfaces[p.name] = iface({
      shutdown: p.shutdown ?? false,
      description: p.description ?? '',
      mode: p.mode,
      vlan: p.vlan,
      allowedVlans: p.allowedVlans ? [...p.allowedVlans] : undefined,
      addresses: p.address ? [p.address] : [],
      vpn: p.vpn,
      speed: p.speed,
    });
  }
  for (const lag of device.lags ?? []) {
    const name = lagName(device.platform, lag.id);
    cfg.interfaces[name] = iface({
      description: lag.description ?? '',
      mode: lag.portMode,
      vlan: lag.vlan,
      allowedVlans: lag.allowedVlans ? [...lag.allowedVlans] : undefined,
      addresses: lag.address ? [lag.address] : [],
    });
    for (const m of lag.members) {
      const member = cfg.interfaces[m] ?? emptyInterfaceConfig();
      member.lag = lag.id;
      cfg.interfaces[m] = member;
    }
  }
  for (const svi of device.svis ?? []) {
    cfg.interfaces[sviName(device.platform, svi.vlan)] = iface({
      description: svi.description ?? '', addresses: [...svi.addresses], vpn: svi.vpn,
    });
  }
  if (device.loopback) cfg.interfaces[loopbackName(device.platform, 0)] = iface({ addresses: [`${device.loopback}/32`] });
  cfg.vrrp = vrrpFromTopology(topology, device);
  return cfg;
}

export function cloneConfig(cfg: DeviceOperConfig): DeviceOperConfig {
  return structuredClone(cfg);
}
