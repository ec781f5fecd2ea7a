/**
 * Keeping secrets out of everything the change engine stores (plans, snapshots, the journal) while
 * still being able to put every line back.
 *
 * A device prints its secrets as cipher text (VRP `cipher %^%#...%^%#`) or even in clear (an RGOS
 * SNMP community). Before a running configuration is stored or diffed, each line carrying a secret
 * (the platform dialect's `maskSecret` says which) is replaced:
 *  - by the intended line with the same masked form, when there is one: the intended line carries
 *    a `{{secret:<ref>}}` token (env:/file: reference), resolved only when a command is sent;
 *  - otherwise by the line with its secret span replaced by a device token `{{secret:device:<tag><n>}}`
 *    whose value (the device's own text) is kept in memory only, in a `SecretVault`. A command that
 *    needs it is resolved from the vault when it is sent; when the vault is gone (another process
 *    reconciling after a crash), the command cannot be sent (CHANGE_SECRET_UNRESTORABLE).
 *
 * Answers read from a device are masked line by line before they are journaled.
 */
import { createHash } from 'node:crypto';

import type { Platform } from '../model/index.js';
import { getDialect } from '../render/index.js';

const MASK = '<secret>';
export const DEVICE_TOKEN_PREFIX = 'device:';
const DEVICE_TOKEN = /\{\{secret:device:([a-z][0-9]+)\}\}/g;

/** Secret spans of one device, by token ref (`device:p3` → the text it stands for). In memory only. */
export class SecretVault {
  private readonly values = new Map<string, string>();

  set(ref: string, value: string): void {
    this.values.set(ref, value);
  }

  get(ref: string): string | undefined {
    return this.values.get(ref);
  }

  merge(other: SecretVault): void {
    for (const [k, v] of other.values) this.values.set(k, v);
  }

  get size(): number {
    return this.values.size;
  }
}

function indentOf(line: string): string {
  return /^\s*/.exec(line)![0];
}

/** The spans of `raw` that the `<secret>` placeholders of `masked` stand for, or undefined. */
function secretSpans(raw: string, masked: string): string[] | undefined {
  const parts = masked.split(MASK);
  if (parts.length < 2) return undefined;
  const re = new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.+?)')}$`);
  const m = re.exec(raw);
  return m ? m.slice(1) : undefined;
}

export interface TokenisedConfig {
  text: string;
  vault: SecretVault;
  /** Lines whose secret had no intended counterpart (now device tokens). */
  deviceTokens: number;
}

/**
 * The running configuration with every secret replaced (see the module comment). `tag` (one letter)
 * names the vault the device tokens belong to. Deterministic: the same inputs give the same text.
 */
export function tokeniseSecrets(platform: Platform, running: string, intended: string | undefined, tag: string): TokenisedConfig {
  const dialect = getDialect(platform);
  const byMask = new Map<string, string[]>();
  if (intended) {
    for (const line of intended.split('\n')) {
      const masked = dialect.maskSecret(line.trimStart());
      if (masked === undefined) continue;
      const key = indentOf(line) + masked;
      const list = byMask.get(key);
      if (list) list.push(line);
      else byMask.set(key, [line]);
    }
  }
  const vault = new SecretVault();
  let n = 0;
  const out = running.split('\n').map((line) => {
    const body = line.trimStart();
    const masked = dialect.maskSecret(body);
    if (masked === undefined) return line;
    const indent = indentOf(line);
    const twin = byMask.get(indent + masked)?.[0];
    if (twin !== undefined) return twin;
    const spans = secretSpans(body, masked);
    if (!spans) return indent + masked;
    const pieces = masked.split(MASK);
    let rebuilt = pieces[0]!;
    spans.forEach((span, i) => {
      const ref = `${DEVICE_TOKEN_PREFIX}${tag}${++n}`;
      vault.set(ref, span);
      rebuilt += `{{secret:${ref}}}${pieces[i + 1]!}`;
    });
    return indent + rebuilt;
  });
  return { text: out.join('\n'), vault, deviceTokens: n };
}

/** Device-token refs a list of commands needs. */
export function deviceTokensIn(commands: readonly string[]): string[] {
  const out = new Set<string>();
  for (const c of commands) for (const m of c.matchAll(DEVICE_TOKEN)) out.add(`${DEVICE_TOKEN_PREFIX}${m[1]}`);
  return [...out];
}

/** A device's answer with every secret-bearing line masked (for the journal). */
export function maskAnswer(platform: Platform, text: string): string {
  if (!text) return text;
  const dialect = getDialect(platform);
  return text.split('\n').map((line) => {
    const masked = dialect.maskSecret(line.trimStart());
    return masked === undefined ? line : indentOf(line) + masked;
  }).join('\n');
}

/**
 * The hash a plan records of a running configuration, and apply compares (drift): sha256 of the
 * text without the preamble the device prints (`Building configuration...`, byte counts) and with
 * every secret masked, so that neither a cipher's salt nor the secret itself is in it.
 */
export function configHash(platform: Platform, running: string): string {
  const dialect = getDialect(platform);
  const h = createHash('sha256');
  let body = false;
  for (const raw of running.split('\n')) {
    const line = raw.trimEnd();
    if (!body) {
      if (line === '' || dialect.isHeader(line)) continue;
      body = true;
    }
    const masked = dialect.maskSecret(line.trimStart());
    h.update(masked === undefined ? line : indentOf(line) + masked);
    h.update('\n');
  }
  return h.digest('hex');
}
