/**
 * Policy rules from the network-wide matrix (topology.policy), for the rules whose `from` and `to`
 * zones exist on this firewall (zones.ts policyZones), in matrix order. Two generations:
 *
 * - USG6000 (`security-policy`, USG reference §3.1, seen): one `security-policy` block, one
 *   ` rule name X` per rule with `description`, `source-zone`, `destination-zone`,
 *   `destination-address A mask M`, `service NAME` / `service protocol tcp destination-port P`,
 *   `action permit|deny`.
 * - USG2205BSR (`interzone`, §3.2, seen fragments): one `policy interzone HIGH LOW inbound|outbound`
 *   block per zone pair and direction (traffic from the lower-priority zone to the higher one is
 *   inbound, §2), numbered ` policy N` entries (1.. per block, matrix order) with `action`,
 *   `policy destination A WILDCARD`, `policy service service-set NAME`. The block names the
 *   higher-priority zone first, as every seen fragment does (`trust untrust`, `dmz untrust`);
 *   the sub-line nesting is unverified (§3.2). The old generation has no rule names, so the
 *   model's name (and description) go into ` description` (unverified on this generation).
 *   A port-based service (`tcp/8443`, `udp/1000-2000`) needs a service object there:
 *   `ip service-set tcp-8443 type object` / ` service 0 protocol tcp destination-port 8443`
 *   (the object form of §3.1; unverified on the old generation).
 *
 * Services are predefined names (`http`, `https`, `ssh`, `dns`...) or `tcp/PORT[-PORT]` /
 * `udp/PORT[-PORT]`. The model has no source addresses, so none are rendered.
 */
import { deviceText, type PolicyRule } from '../../model/index.js';
import { networkWithMask, networkWithWildcard } from './addresses.js';
import type { Block, UsgContext } from './context.js';
import { policyZones, zonePriorities } from './zones.js';

export type Service =
  | { kind: 'named'; name: string }
  | { kind: 'port'; protocol: 'tcp' | 'udp'; from: number; to: number; objectName: string };

export function parseService(text: string): Service {
  const m = /^(tcp|udp)\/(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return { kind: 'named', name: text };
  const from = Number(m[2]);
  const to = m[3] === undefined ? from : Number(m[3]);
  const protocol = m[1] as 'tcp' | 'udp';
  return { kind: 'port', protocol, from, to, objectName: from === to ? `${protocol}-${from}` : `${protocol}-${from}-${to}` };
}

const portText = (s: Extract<Service, { kind: 'port' }>): string => (s.from === s.to ? `${s.from}` : `${s.from} to ${s.to}`);

/** The matrix rules this firewall enforces. */
export function applicableRules(ctx: UsgContext): PolicyRule[] {
  const zones = policyZones(ctx);
  return (ctx.topology.policy ?? []).filter((r) => zones.has(r.from) && zones.has(r.to));
}

// ------------------------------------------------------------------ USG6000: security-policy

export function renderSecurityPolicy(ctx: UsgContext): Block[] {
  const rules = applicableRules(ctx);
  if (rules.length === 0) return [];
  const lines = ['security-policy'];
  for (const r of rules) {
    lines.push(` rule name ${r.name}`);
    if (r.description) lines.push(`  description ${deviceText(r.description, ctx.textLimits.nonAscii)}`);
    lines.push(`  source-zone ${r.from}`, `  destination-zone ${r.to}`);
    for (const p of r.destination ?? []) {
      const [base, mask] = networkWithMask(p).split(' ');
      lines.push(`  destination-address ${base} mask ${mask}`);
    }
    for (const s of (r.services ?? []).map(parseService)) {
      lines.push(s.kind === 'named' ? `  service ${s.name}` : `  service protocol ${s.protocol} destination-port ${portText(s)}`);
    }
    lines.push(`  action ${r.action}`);
  }
  return [lines];
}

// ------------------------------------------------------------------ USG2205BSR: policy interzone

export interface InterzoneKey {
  high: string;
  low: string;
  direction: 'inbound' | 'outbound';
}

/** The interzone block a rule belongs to; `undefined` for a rule within one zone (the old generation cannot express it). */
export function interzoneOf(ctx: UsgContext, rule: PolicyRule): InterzoneKey | undefined {
  if (rule.from === rule.to) return undefined;
  const prio = zonePriorities(ctx);
  const pf = prio.get(rule.from) ?? 0;
  const pt = prio.get(rule.to) ?? 0;
  // Equal priorities cannot happen on a device (priorities are unique); order by name to stay deterministic.
  const inbound = pf < pt || (pf === pt && rule.from > rule.to);
  return inbound
    ? { high: rule.to, low: rule.from, direction: 'inbound' }
    : { high: rule.from, low: rule.to, direction: 'outbound' };
}

/** `ip service-set` objects for the port-based services the interzone rules use (first use order). */
export function renderServiceSets(ctx: UsgContext): Block[] {
  if (ctx.style !== 'interzone') return [];
  const seen = new Map<string, Extract<Service, { kind: 'port' }>>();
  for (const r of applicableRules(ctx)) {
    if (!interzoneOf(ctx, r)) continue;
    for (const s of (r.services ?? []).map(parseService)) if (s.kind === 'port' && !seen.has(s.objectName)) seen.set(s.objectName, s);
  }
  return [...seen.values()].map((s) => [
    `ip service-set ${s.objectName} type object`,
    ` service 0 protocol ${s.protocol} destination-port ${portText(s)}`,
  ]);
}

export function renderInterzonePolicies(ctx: UsgContext): Block[] {
  const blocks = new Map<string, Block>();
  for (const r of applicableRules(ctx)) {
    const key = interzoneOf(ctx, r);
    if (!key) continue;
    const header = `policy interzone ${key.high} ${key.low} ${key.direction}`;
    const block = blocks.get(header) ?? [header];
    blocks.set(header, block);
    const n = block.filter((l) => /^ policy \d+$/.test(l)).length + 1;
    block.push(` policy ${n}`, `  description ${deviceText(`${r.name}${r.description ? `: ${r.description}` : ''}`, ctx.textLimits.nonAscii)}`, `  action ${r.action}`);
    for (const p of r.destination ?? []) block.push(`  policy destination ${networkWithWildcard(p)}`);
    for (const s of (r.services ?? []).map(parseService)) {
      block.push(`  policy service service-set ${s.kind === 'named' ? s.name : s.objectName}`);
    }
  }
  return [...blocks.values()];
}

/** The policy section of this firewall's generation. */
export function renderPolicies(ctx: UsgContext): Block[] {
  return ctx.style === 'security-policy' ? renderSecurityPolicy(ctx) : [...renderServiceSets(ctx), ...renderInterzonePolicies(ctx)];
}
