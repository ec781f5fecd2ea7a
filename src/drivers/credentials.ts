/**
 * Credentials, resolved at connect time from a topology credential profile's references:
 * `env:NAME` (process environment) or `file:path#key` (a YAML or JSON secrets file; the path is
 * relative to the topology's folder unless absolute; `key` may be dotted: `file:secrets.yaml#core.password`).
 *
 * A resolved value is wrapped in `Secret`, which prints `<secret>` through toString, toJSON,
 * util.inspect and template strings, so that a logged or serialised object never shows it. Errors
 * (DRIVER_CREDENTIALS) name the reference, never the value.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { inspect } from 'node:util';

import jsyaml from 'js-yaml';

import type { Credential, Topology } from '../model/index.js';
import { DriverError } from './errors.js';

const REDACTED = '<secret>';

/** A secret value that refuses to be printed. Call `reveal()` at the one place that needs it. */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }

  static of(value: string | Secret): Secret {
    return value instanceof Secret ? value : new Secret(value);
  }
}

export function reveal(value: string | Secret | undefined): string | undefined {
  return value === undefined ? undefined : value instanceof Secret ? value.reveal() : value;
}

export interface ResolvedCredentials {
  username: string;
  password?: Secret;
  /** OpenSSH/PEM private key text. */
  privateKey?: Secret;
  passphrase?: Secret;
  /** RGOS `enable` password when the login lands in user EXEC (`name>`); default: the login password. */
  enablePassword?: Secret;
}

/** Credentials as given to a driver: resolved, or resolved when the driver connects. */
export type CredentialSource = ResolvedCredentials | (() => ResolvedCredentials | Promise<ResolvedCredentials>);

export interface ResolveOptions {
  /** The folder `file:` references are relative to (the topology's folder). Default: the working directory. */
  baseDir?: string;
  env?: NodeJS.ProcessEnv;
}

const REF = /^(env):([A-Za-z_][A-Za-z0-9_]*)$|^(file):([^#]+)#([A-Za-z0-9_.-]+)$/;

function credentialError(ref: string, reason: string, extra: Record<string, unknown> = {}): DriverError {
  return new DriverError('DRIVER_CREDENTIALS', `cannot resolve secret reference ${ref}: ${reason}`, { reference: ref, ...extra });
}

/** Resolve one `env:NAME` or `file:path#key` reference. */
export async function resolveSecretRef(ref: string, opts: ResolveOptions = {}): Promise<Secret> {
  const m = REF.exec(ref);
  if (!m) throw credentialError(ref, 'not an env:NAME or file:path#key reference');
  if (m[1] === 'env') {
    const v = (opts.env ?? process.env)[m[2]!];
    if (v === undefined || v === '') throw credentialError(ref, `environment variable ${m[2]} is not set`);
    return new Secret(v);
  }
  const path = isAbsolute(m[4]!) ? m[4]! : resolve(opts.baseDir ?? process.cwd(), m[4]!);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw credentialError(ref, code === 'ENOENT' ? `secrets file ${path} does not exist` : `secrets file ${path} cannot be read (${code ?? 'error'})`, { path });
  }
  let data: unknown;
  try {
    data = jsyaml.load(text); // YAML is a superset of JSON: one reader for both
  } catch {
    // The parser's message quotes the file's text: never repeat it.
    throw credentialError(ref, `secrets file ${path} is neither valid YAML nor JSON`, { path });
  }
  for (const k of m[5]!.split('.')) {
    data = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)[k] : undefined;
  }
  if (typeof data === 'number') data = String(data);
  if (typeof data !== 'string' || data === '') throw credentialError(ref, `secrets file ${path} has no string value at key ${m[5]}`, { path });
  return new Secret(data);
}

/** Resolve a topology credential profile. */
export async function resolveCredentialProfile(profile: Credential, opts: ResolveOptions = {}): Promise<ResolvedCredentials> {
  const out: ResolvedCredentials = { username: profile.username };
  if (profile.password) out.password = await resolveSecretRef(profile.password, opts);
  if (profile.privateKey) out.privateKey = await resolveSecretRef(profile.privateKey, opts);
  if (!out.password && !out.privateKey) {
    throw new DriverError('DRIVER_CREDENTIALS', `credential profile ${profile.id} has neither a password nor a private key reference`, { profile: profile.id });
  }
  return out;
}

/**
 * The credential source of a topology device: nothing is read until the driver connects
 * (an environment variable set after loading the topology is honoured).
 */
export function credentialsFor(topology: Topology, deviceName: string, opts: ResolveOptions = {}): () => Promise<ResolvedCredentials> {
  const device = topology.devices.find((d) => d.name === deviceName);
  if (!device) throw new DriverError('DRIVER_CREDENTIALS', `no device ${deviceName} in the topology`, { device: deviceName });
  const profile = (topology.credentials ?? []).find((c) => c.id === device.credentials);
  if (!profile) {
    throw new DriverError('DRIVER_CREDENTIALS', `device ${deviceName} names credential profile ${device.credentials}, which the topology does not define`, { device: deviceName, profile: device.credentials });
  }
  return () => resolveCredentialProfile(profile, opts);
}

export async function resolveCredentialSource(source: CredentialSource): Promise<ResolvedCredentials> {
  return typeof source === 'function' ? await source() : source;
}

/** The resolver of `{{secret:<ref>}}` tokens in pushed commands. */
export function secretResolver(opts: ResolveOptions = {}): (ref: string) => Promise<Secret> {
  return (ref) => resolveSecretRef(ref, opts);
}
