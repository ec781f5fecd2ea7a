/**
 * The few places where the S-series releases print the same intent differently. dcnet renders the
 * V200R layout of reference/huawei-vrp.md §3.1 (seen on S-series V200R022/V200R023) for every
 * model, except where a model's last release is known to be older.
 *
 * Choices made once, for every model:
 * - VPN instances use the `ipv4-family` sub-view (§2.7 "newer style", V200R003+), not the flat
 *   V100R00x form: it is the form V200R releases print, and the only one VRP8 accepts.
 * - LACP Eth-Trunks use `mode lacp-static` (§2.5): the keyword both V100R00x and V200R00x accept.
 *   Which keyword a V200R release prints back (`lacp-static` or `lacp`) is unverified in the
 *   reference ("verify per release").
 * - No `!Software Version` header: the model holds no software release, so it cannot be rendered
 *   deterministically; a diff must skip that comment line.
 */

export interface VrpDialect {
  /**
   * `local-user X password <keyword> <secret>`: `irreversible-cipher` on V200R (§2.13, §3.1 seen);
   * `cipher` on older releases ("Older releases use `local-user X password cipher P`", §2.13).
   */
  localUserPassword: 'irreversible-cipher' | 'cipher';
  /** The LACP keyword of `mode ...` inside `interface Eth-Trunk N` (§2.5). */
  lacpMode: 'lacp-static' | 'lacp';
}

const V200R: VrpDialect = { localUserPassword: 'irreversible-cipher', lacpMode: 'lacp-static' };
/**
 * The S2700-26TP-SI's last release is V100R006 (from memory; not in the reference), which predates
 * `irreversible-cipher`.
 */
const V100R: VrpDialect = { localUserPassword: 'cipher', lacpMode: 'lacp-static' };

const BY_MODEL: Record<string, VrpDialect> = {
  'S2700-26TP-SI': V100R,
};

export function dialectFor(model: string): VrpDialect {
  return BY_MODEL[model] ?? V200R;
}
