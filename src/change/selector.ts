/**
 * Device selectors: which devices of a topology a plan (or a playbook step) covers.
 *
 *   all                          every device (also the empty selector)
 *   core-1 host-acc-*            devices by name (a `*` matches any run of characters)
 *   zone:hosting layer:access    by zone, layer, site, platform, model
 *   department:finance           the devices carrying a department's VLANs or VPN instance
 *   vrrp-peers:host-agg-1        the device and every device sharing a VRRP group with it
 *   revision:12 / since:12       the devices a stored topology revision touches (resolved by plan())
 *
 * Terms are separated by blanks or commas. Terms of one key are alternatives (OR); terms of
 * different keys must all hold (AND): `zone:hosting zone:public layer:access` is the access
 * switches of both zones. Every problem is reported at once, naming the term.
 */
import type { Device, Topology } from '../model/index.js';
import { LAYERS, PLATFORMS, ZONES } from '../model/index.js';
import { ChangeError } from './errors.js';

export const SELECTOR_KEYS = ['device', 'zone', 'layer', 'site', 'platform', 'model', 'department', 'vrrp-peers', 'revision', 'since'] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];

export interface SelectorTerm {
  key: SelectorKey;
  value: string;
}

export interface ParsedSelector {
  text: string;
  all: boolean;
  terms: SelectorTerm[];
}

export function parseSelector(text: string | readonly string[] | undefined): ParsedSelector {
  const raw = (Array.isArray(text) ? text.join(' ') : (text as string | undefined) ?? '').trim();
  const words = raw.split(/[\s,]+/).filter(Boolean);
  const problems: string[] = [];
  const terms: SelectorTerm[] = [];
  let all = words.length === 0;
  for (const w of words) {
    if (w === 'all') { all = true; continue; }
    const i = w.indexOf(':');
    if (i < 0) { terms.push({ key: 'device', value: w }); continue; }
    const key = w.slice(0, i);
    const value = w.slice(i + 1);
    if (!(SELECTOR_KEYS as readonly string[]).includes(key)) {
      problems.push(`'${w}': unknown key '${key}' (known: ${SELECTOR_KEYS.join(', ')})`);
      continue;
    }
    if (!value) { problems.push(`'${w}': no value after '${key}:'`); continue; }
    if ((key === 'revision' || key === 'since') && !/^\d+$/.test(value)) { problems.push(`'${w}': a revision is a number`); continue; }
    terms.push({ key: key as SelectorKey, value });
  }
  if (all && terms.length) problems.push(`'all' cannot be combined with other terms`);
  if (problems.length) throw new ChangeError('CHANGE_SELECTOR', `bad device selector '${raw}': ${problems.join('; ')}`, { selector: raw, problems });
  return { text: raw || 'all', all, terms };
}

function globRe(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Devices of the topology carrying a department's VLANs or its VPN instance. */
function departmentDevices(topology: Topology, id: string): Set<string> {
  const dept = (topology.departments ?? []).find((d) => d.id === id);
  const out = new Set<string>();
  if (!dept) return out;
  const vlans = new Set((topology.vlans ?? []).filter((v) => v.department === id).map((v) => v.id));
  for (const d of topology.devices) {
    const carries = (d.vlans ?? []).some((v) => vlans.has(v))
      || (d.svis ?? []).some((s) => s.vpn === dept.vpn || vlans.has(s.vlan))
      || (d.ports ?? []).some((p) => p.vpn === dept.vpn || (p.vlan !== undefined && vlans.has(p.vlan)));
    if (carries) out.add(d.name);
  }
  return out;
}

function vrrpPeers(topology: Topology, device: string): Set<string> {
  const out = new Set<string>();
  for (const g of topology.vrrp ?? []) {
    if (!g.members.some((m) => m.device === device)) continue;
    for (const m of g.members) out.add(m.device);
  }
  return out;
}

/**
 * The devices a selector picks, in topology order. `revisionDevices` gives the devices of a
 * `revision:`/`since:` term (plan() computes them from the stored revisions).
 */
export function selectDevices(topology: Topology, selector: ParsedSelector, revisionDevices?: (term: SelectorTerm) => Set<string>): Device[] {
  const devices = topology.devices;
  if (selector.all) return [...devices];
  const names = new Set(devices.map((d) => d.name));
  const problems: string[] = [];
  const byKey = new Map<SelectorKey, SelectorTerm[]>();
  for (const t of selector.terms) byKey.set(t.key, [...(byKey.get(t.key) ?? []), t]);

  const sets = new Map<SelectorTerm, (d: Device) => boolean>();
  for (const t of selector.terms) {
    switch (t.key) {
      case 'device': {
        const re = globRe(t.value);
        if (!t.value.includes('*') && !names.has(t.value)) problems.push(`no device '${t.value}' in network ${topology.network.name}`);
        else if (!devices.some((d) => re.test(d.name))) problems.push(`'${t.value}' matches no device`);
        sets.set(t, (d) => re.test(d.name));
        break;
      }
      case 'zone':
        if (!(ZONES as readonly string[]).includes(t.value)) problems.push(`zone:${t.value}: no such zone (zones: ${ZONES.join(', ')})`);
        sets.set(t, (d) => d.zone === t.value);
        break;
      case 'layer':
        if (!(LAYERS as readonly string[]).includes(t.value)) problems.push(`layer:${t.value}: no such layer (layers: ${LAYERS.join(', ')})`);
        sets.set(t, (d) => d.layer === t.value);
        break;
      case 'platform':
        if (!(PLATFORMS as readonly string[]).includes(t.value)) problems.push(`platform:${t.value}: no such platform (platforms: ${PLATFORMS.join(', ')})`);
        sets.set(t, (d) => d.platform === t.value);
        break;
      case 'site':
        if (!devices.some((d) => d.site === t.value)) problems.push(`site:${t.value}: no device at that site`);
        sets.set(t, (d) => d.site === t.value);
        break;
      case 'model': {
        const re = globRe(t.value);
        sets.set(t, (d) => re.test(d.model));
        break;
      }
      case 'department': {
        if (!(topology.departments ?? []).some((d) => d.id === t.value)) problems.push(`department:${t.value}: no such department`);
        const set = departmentDevices(topology, t.value);
        sets.set(t, (d) => set.has(d.name));
        break;
      }
      case 'vrrp-peers': {
        if (!names.has(t.value)) problems.push(`vrrp-peers:${t.value}: no such device`);
        const set = vrrpPeers(topology, t.value);
        set.add(t.value);
        sets.set(t, (d) => set.has(d.name));
        break;
      }
      case 'revision':
      case 'since': {
        if (!revisionDevices) { problems.push(`${t.key}:${t.value}: revisions are resolved only when planning against the database`); break; }
        const set = revisionDevices(t);
        sets.set(t, (d) => set.has(d.name));
        break;
      }
    }
  }
  if (problems.length) throw new ChangeError('CHANGE_SELECTOR', `device selector '${selector.text}': ${problems.join('; ')}`, { selector: selector.text, problems });
  const picked = devices.filter((d) => [...byKey.values()].every((terms) => terms.some((t) => sets.get(t)?.(d) ?? false)));
  if (picked.length === 0) throw new ChangeError('CHANGE_SELECTOR', `device selector '${selector.text}' selects no device of network ${topology.network.name}`, { selector: selector.text });
  return picked;
}
