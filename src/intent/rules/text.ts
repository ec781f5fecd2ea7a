/**
 * Text the devices must hold: names and descriptions within each platform's limits (catalogue
 * textLimitsOf), measured as rendered. Descriptions with characters a platform cannot hold (Chinese
 * department names on an ASCII-only platform) are rendered in the ASCII-safe form (model/text.ts),
 * which is what is measured; names (user names) cannot be rewritten, so non-ASCII there is an error.
 *
 * Codes (errors; one finding per element, on the element, naming every platform it does not fit):
 * - INTENT_TEXT_TOO_LONG: a VPN instance name, description, user name or firewall object name longer
 *   than a platform that renders it accepts.
 * - INTENT_TEXT_ENCODING: a user name with characters beyond ASCII on a platform that holds only ASCII.
 */
import { deviceText, pointerOf, textLimitsOf, type Finding, type Platform, type TextLimits } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { departmentsById, isRecord, isString, remoteAccessFirewall, remoteAccessGroups, vpnsByName } from '../facts.js';
import { error, type Rule } from '../rule.js';

type Kind = 'vpnName' | 'description' | 'userName' | 'objectName';

const WHAT: Record<Kind, string> = {
  vpnName: 'VPN instance name', description: 'description', userName: 'user name', objectName: 'name',
};

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const t = ctx.topology;
  const vpns = vpnsByName(ctx);
  const departments = departmentsById(ctx);
  const deptOfVpn = new Map<string, { name: unknown }>();
  for (const [d] of departments.values()) if (isString(d.vpn)) deptOfVpn.set(d.vpn, d);

  /** Per element and kind: the platforms that cannot hold it (reported once, naming them all). */
  const problems = new Map<string, { kind: Kind; pointer: string; who: string; text: string; encoding: boolean; platforms: Array<{ platform: Platform; limit: number; shown: string }> }>();
  const measure = (platform: Platform, limits: TextLimits, kind: Kind, text: unknown, pointer: string, who: string): void => {
    if (!isString(text)) return;
    const encoding = kind === 'userName' && !limits.nonAscii && /[^\x20-\x7e]/.test(text);
    const shown = kind === 'description' ? deviceText(text, limits.nonAscii) : text;
    if (!encoding && shown.length <= limits[kind]) return;
    const key = `${pointer}|${kind}|${encoding}`;
    const entry = problems.get(key) ?? { kind, pointer, who, text, encoding, platforms: [] };
    if (!entry.platforms.some((p) => p.platform === platform)) entry.platforms.push({ platform, limit: limits[kind], shown });
    problems.set(key, entry);
  };

  const raFirewall = remoteAccessFirewall(ctx);
  for (const [d, di] of items(t.devices)) {
    if (!isString(d.platform) || !isString(d.name)) continue;
    const platform = d.platform as Platform;
    const limits = textLimitsOf(platform);
    if (!limits) continue;
    const at = (...s: (string | number)[]): string => pointerOf('devices', di, ...s);
    const who = `device '${d.name}' (${platform})`;
    const used = new Set<string>();
    for (const [p, pi] of items(d.ports)) {
      measure(platform, limits, 'description', p.description, at('ports', pi, 'description'), `${who} port ${String(p.name)}`);
      if (isString(p.vpn)) used.add(p.vpn);
    }
    for (const [l, li] of items(d.lags)) measure(platform, limits, 'description', l.description, at('lags', li, 'description'), `${who} LAG ${String(l.id)}`);
    for (const [s, si] of items(d.svis)) {
      measure(platform, limits, 'description', s.description, at('svis', si, 'description'), `${who} VLAN ${String(s.vlan)} interface`);
      if (isString(s.vpn)) used.add(s.vpn);
    }
    for (const [r, ri] of items(d.staticRoutes)) {
      measure(platform, limits, 'description', r.description, at('staticRoutes', ri, 'description'), `${who} static route ${String(r.prefix)}`);
      if (isString(r.vpn)) used.add(r.vpn);
    }
    if (raFirewall === d.name) for (const g of remoteAccessGroups(ctx)) if (g.vpn) used.add(g.vpn);
    for (const name of used) {
      const hit = vpns.get(name);
      if (!hit) continue;
      const [v, vi] = hit;
      measure(platform, limits, 'vpnName', v.name, pointerOf('vpnInstances', vi, 'name'), `VPN instance '${v.name}'`);
      const dept = deptOfVpn.get(name);
      const description = isString(v.description) ? v.description : dept?.name;
      const where = isString(v.description) ? pointerOf('vpnInstances', vi, 'description') : pointerOf('departments', [...departments.values()].find(([x]) => x.vpn === name)?.[1] ?? 0, 'name');
      measure(platform, limits, 'description', description, where, `VPN instance '${v.name}'`);
    }
    const cred = items(t.credentials).find(([c]) => c.id === d.credentials);
    if (cred) measure(platform, limits, 'userName', cred[0].username, pointerOf('credentials', cred[1], 'username'), `credential '${cred[0].id}'`);
    const site = items(t.sites).find(([s]) => s.id === d.site);
    if (site) measure(platform, limits, 'description', site[0].name, pointerOf('sites', site[1], 'name'), `site '${site[0].id}' (SNMP location)`);
    if (isRecord(d.firewall)) {
      for (const [z, zi] of items(d.firewall.zones)) measure(platform, limits, 'objectName', z.name, at('firewall', 'zones', zi, 'name'), `${who} security zone`);
      for (const [n, ni] of items(d.firewall.natServers)) measure(platform, limits, 'objectName', n.name, at('firewall', 'natServers', ni, 'name'), `${who} NAT server`);
      for (const [n, ni] of items(d.firewall.sourceNat)) measure(platform, limits, 'objectName', n.name, at('firewall', 'sourceNat', ni, 'name'), `${who} source NAT rule`);
      const zones = new Set(items(d.firewall.zones).map(([z]) => z.name));
      for (const [p, pi] of items(t.policy)) {
        if (!zones.has(p.from) || !zones.has(p.to)) continue;
        measure(platform, limits, 'objectName', p.name, pointerOf('policy', pi, 'name'), `policy rule '${String(p.name)}'`);
        measure(platform, limits, 'description', p.description, pointerOf('policy', pi, 'description'), `policy rule '${String(p.name)}'`);
      }
    }
  }
  for (const p of problems.values()) {
    const names = p.platforms.map((x) => x.platform).join(', ');
    if (p.encoding) {
      out.push(error('INTENT_TEXT_ENCODING', p.pointer, `${p.who}: user name '${p.text}' has characters beyond ASCII, which ${names} cannot hold`));
      continue;
    }
    const tightest = p.platforms.reduce((a, b) => (b.limit < a.limit ? b : a));
    const form = tightest.shown !== p.text
      ? ` (${tightest.shown.length} characters as rendered${tightest.shown.includes('\\u') ? ': in the ASCII-safe form' : ''}, ${tightest.shown.slice(0, 40)}...)`
      : ` (${tightest.shown.length} characters)`;
    out.push(error('INTENT_TEXT_TOO_LONG', p.pointer, `${p.who}: the ${WHAT[p.kind]} is longer than the ${tightest.limit} characters ${names === tightest.platform ? names : `${tightest.platform} (and ${names.split(', ').filter((n) => n !== tightest.platform).join(', ')})`} accept${form}`));
  }
  return out;
}

export const textRule: Rule = {
  id: 'text',
  description: 'names and descriptions within each platform\'s limits and encoding, as rendered',
  codes: ['INTENT_TEXT_TOO_LONG', 'INTENT_TEXT_ENCODING'],
  check,
};
