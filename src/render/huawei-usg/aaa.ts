/**
 * The `aaa` block: the control plane's administrator and the AAA domains of the remote-access
 * departments. Passwords are secret tokens, never values.
 *
 * Administrators differ by generation (docs/devices/huawei-usg.md, "Administrators"):
 * - USG6000 (NGFW): a `manager-user` view, as the device prints it (seen, USG6300 2017 and
 *   USG6000V V500 captures):
 *
 *     aaa
 *      manager-user dcnet
 *       password cipher {{secret:...}}
 *       service-type ssh
 *       level 15
 *
 *   `local-user ... privilege level` is the switches' (VRP) form: on a USG6000 it creates no
 *   administrator, and dcnet would lock itself out.
 * - USG2205BSR (V300R001 generation): `local-user X password cipher P`, `local-user X service-type
 *   ssh`, `local-user X level 3` (the VRP5 0-3 levels; unverified on that generation).
 *
 * Remote access (remote-access.ts): one AAA domain per department, named after the department id,
 * that its users authenticate in (`user@finance`); the domain's `ip pool N first last` hands out the
 * department's remoteAccessPool (seen under `domain default` in the USG6300 capture), and
 * `service-type l2tp` admits L2TP users (seen `service-type l2tp ike` on V500).
 */
import { secretToken } from '../types.js';
import type { Block, UsgContext } from './context.js';
import { remotePoolRange } from './remote-access.js';

export function renderAaa(ctx: UsgContext): Block[] {
  const lines: string[] = [];
  const c = ctx.credential;
  if (c) {
    if (ctx.style === 'security-policy') {
      lines.push(` manager-user ${c.username}`);
      if (c.password) lines.push(`  password cipher ${secretToken(c.password)}`);
      lines.push('  service-type ssh', '  level 15');
    } else {
      if (c.password) lines.push(` local-user ${c.username} password cipher ${secretToken(c.password)}`);
      lines.push(` local-user ${c.username} service-type ssh`, ` local-user ${c.username} level 3`);
    }
  }
  const domains = new Map<string, string[]>();
  for (const g of ctx.remoteGroups) {
    const domain = g.domain;
    const body = domains.get(domain) ?? ['  service-type l2tp'];
    const range = remotePoolRange(g);
    if (range) body.push(`  ip pool ${g.index} ${range.first} ${range.last}`);
    domains.set(domain, body);
  }
  for (const [domain, body] of domains) lines.push(` domain ${domain}`, ...body);
  return lines.length ? [['aaa', ...lines]] : [];
}
