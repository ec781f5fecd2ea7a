/**
 * Source NAT (firewall.sourceNat): inside addresses translated on their way to the internet
 * (trust → untrust, DMZ → untrust). Two generations (reference/huawei-usg.md §4.2):
 *
 * - USG6000: address pools as blocks (`nat address-group NAME` / ` mode pat` / ` section 0 A B`,
 *   the V500 form; which releases still take the one-line form is unverified), then one `nat-policy`
 *   block with a rule per model entry (seen form):
 *
 *     nat-policy
 *      rule name trust-out
 *       source-zone trust
 *       destination-zone untrust
 *       source-address 10.0.0.0 mask 255.0.0.0
 *       action source-nat address-group trust-out      (or: action source-nat easy-ip)
 *
 * - USG2205BSR: `nat address-group N A B` (one line, numbered in model order) and one
 *   `nat-policy interzone HIGH LOW outbound` block per zone pair with numbered ` policy N` entries:
 *   `action source-nat`, `policy source A WILDCARD`, `address-group N` or `easy-ip IFACE` (seen).
 *
 * A rule without addresses translates to the address of the interface it leaves by (easy IP).
 */
import type { SourceNat } from '../../model/index.js';
import { networkWithMask, networkWithWildcard } from './addresses.js';
import { usgInterfaceName, type Block, type UsgContext } from './context.js';
import { interzoneOf } from './policy.js';

function rules(ctx: UsgContext): SourceNat[] {
  return ctx.device.firewall?.sourceNat ?? [];
}

export function renderNatAddressGroups(ctx: UsgContext): Block[] {
  const pools = rules(ctx).map((r, i) => ({ r, i })).filter(({ r }) => r.addresses);
  if (ctx.style === 'security-policy') {
    return pools.map(({ r }) => [`nat address-group ${r.name}`, ' mode pat', ` section 0 ${r.addresses!.first} ${r.addresses!.last}`]);
  }
  return pools.length ? [pools.map(({ r, i }) => `nat address-group ${i + 1} ${r.addresses!.first} ${r.addresses!.last}`)] : [];
}

export function renderNatPolicy(ctx: UsgContext): Block[] {
  const list = rules(ctx);
  if (list.length === 0) return [];
  if (ctx.style === 'security-policy') {
    const lines = ['nat-policy'];
    for (const r of list) {
      lines.push(` rule name ${r.name}`, `  source-zone ${r.from}`, `  destination-zone ${r.to}`);
      for (const p of r.sources ?? []) {
        const [base, mask] = networkWithMask(p).split(' ');
        lines.push(`  source-address ${base} mask ${mask}`);
      }
      lines.push(r.addresses ? `  action source-nat address-group ${r.name}` : '  action source-nat easy-ip');
    }
    return [lines];
  }
  const blocks = new Map<string, string[]>();
  list.forEach((r, i) => {
    const key = interzoneOf(ctx, { name: r.name, from: r.from, to: r.to, action: 'permit' });
    if (!key) return;
    const header = `nat-policy interzone ${key.high} ${key.low} ${key.direction}`;
    const block = blocks.get(header) ?? [header];
    blocks.set(header, block);
    const n = block.filter((l) => /^ policy \d+$/.test(l)).length;
    block.push(` policy ${n}`, '  action source-nat');
    for (const p of r.sources ?? []) block.push(`  policy source ${networkWithWildcard(p)}`);
    if (r.addresses) block.push(`  address-group ${i + 1}`);
    else {
      const out = ctx.device.firewall?.zones.find((z) => z.name === r.to)?.interfaces[0];
      if (out) block.push(`  easy-ip ${usgInterfaceName(out)}`);
    }
  });
  return [...blocks.values()];
}
