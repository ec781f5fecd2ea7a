/**
 * SNMP SETs mirrored into a device's configuration text, as real devices do: sysName, sysContact
 * and sysLocation become their global lines, ifAdminStatus a `shutdown` line and ifAlias the
 * interface description. The platforms differ only in the words of the global lines.
 */
import type { SnmpSetEvent } from '../state/types.js';
import type { ConfigStore } from './config-store.js';

export interface SnmpMirrorWords {
  /** The line naming the device: `sysname` (VRP) or `hostname` (RGOS). */
  sysName: string;
  /** The prefix of the contact and location lines: `snmp-agent sys-info` or `snmp-server`. */
  sysInfo: string;
}

/** Apply one SET to the configuration; false when it is not one the configuration shows. */
export function mirrorSnmpSet(store: ConfigStore, e: SnmpSetEvent, words: SnmpMirrorWords): boolean {
  const root = store.root;
  if (e.object === 'sysName') {
    store.setLine(root, `${words.sysName} ${e.value}`, (l) => l.startsWith(`${words.sysName} `));
    return true;
  }
  if (e.object === 'sysContact' || e.object === 'sysLocation') {
    const key = `${words.sysInfo} ${e.object === 'sysContact' ? 'contact' : 'location'}`;
    if (e.value === '') store.remove(root, (l) => l.startsWith(`${key} `));
    else store.setLine(root, `${key} ${e.value}`, (l) => l.startsWith(`${key} `));
    return true;
  }
  if (!e.interface) return false;
  const level = store.levelOf(store.ensure(root, `interface ${e.interface}`));
  if (e.object === 'ifAdminStatus') {
    if (e.value) store.remove(level, (l) => l === 'shutdown');
    else store.setLine(level, 'shutdown');
    return true;
  }
  if (e.object === 'ifAlias') {
    if (e.value === '') store.remove(level, (l) => l.startsWith('description '));
    else store.setLine(level, `description ${e.value}`, (l) => l.startsWith('description '));
    return true;
  }
  return false;
}
