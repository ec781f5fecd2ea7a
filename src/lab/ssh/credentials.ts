/**
 * Login credentials of a lab device: the username of the device's topology credential, its
 * password resolved from the secret reference (`env:NAME` or `file:path#key`) or the lab's default
 * password, and the public keys that may log in (the credential's private key, resolved the same
 * way, plus any the lab was given). Secrets never leave this module except to compare them.
 */
import { readFileSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import jsyaml from 'js-yaml';
import ssh2, { type ParsedKey } from 'ssh2';

const { utils } = ssh2;
import type { Device, Topology } from '../../model/index.js';

/** The lab's password when a credential's reference cannot be resolved (and none was given). */
export const LAB_DEFAULT_PASSWORD = 'dcnet-lab';

/** Resolve `env:NAME` or `file:path#key` (YAML or JSON file, dotted key); undefined when unavailable. */
export function resolveSecretRef(ref: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!ref) return undefined;
  if (ref.startsWith('env:')) {
    const v = env[ref.slice(4)];
    return v === undefined || v === '' ? undefined : v;
  }
  const m = /^file:([^#]+)#(.+)$/.exec(ref);
  if (!m) return undefined;
  try {
    const text = readFileSync(m[1]!, 'utf8');
    if (m[2] === '') return text.trim();
    let data: unknown = jsyaml.load(text);
    for (const k of m[2]!.split('.')) data = (data as Record<string, unknown> | undefined)?.[k];
    return typeof data === 'string' ? data : typeof data === 'number' ? String(data) : undefined;
  } catch {
    return undefined;
  }
}

export interface LoginCredentials {
  username: string;
  /** Never logged. */
  password: string;
  publicKeys: ParsedKey[];
}

export interface CredentialOptions {
  /** The password used when the credential's reference does not resolve. */
  password?: string;
  /** Public keys (OpenSSH `ssh-ed25519 AAAA...` lines or key files' text) accepted on every device. */
  authorizedKeys?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

function parsePublic(text: string): ParsedKey | undefined {
  const k = utils.parseKey(text);
  if (k instanceof Error) return undefined;
  return Array.isArray(k) ? k[0] : k;
}

export function loginCredentials(topology: Topology, device: Device, opts: CredentialOptions = {}): LoginCredentials {
  const cred = (topology.credentials ?? []).find((c) => c.id === device.credentials);
  const username = cred?.username ?? 'admin';
  const password = resolveSecretRef(cred?.password, opts.env) ?? opts.password ?? LAB_DEFAULT_PASSWORD;
  const publicKeys: ParsedKey[] = [];
  const privateKey = resolveSecretRef(cred?.privateKey, opts.env);
  if (privateKey) {
    const k = parsePublic(privateKey);
    if (k) publicKeys.push(k);
  }
  for (const text of opts.authorizedKeys ?? []) {
    const k = parsePublic(text);
    if (k) publicKeys.push(k);
  }
  return { username, password, publicKeys };
}

export function passwordMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
