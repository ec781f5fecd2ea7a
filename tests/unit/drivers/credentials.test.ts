/** Credentials: references resolved at connect time, a Secret that never prints, errors that name the reference only. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';

import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';

import { Secret, credentialsFor, resolveCredentialProfile, resolveSecretRef, secretResolver } from '../../../src/drivers/credentials.js';
import { REDACT_PATHS } from '../../../src/log.js';
import type { Topology } from '../../../src/model/index.js';
import { caught } from '../../support/driver-errors.js';

const dir = mkdtempSync(join(tmpdir(), 'dcnet-creds-'));
writeFileSync(join(dir, 'secrets.yaml'), 'usg_password: y4ml-s3cret\nnested:\n  core: { password: n3sted }\nport: 8443\n');
writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ rgos: 'js0n-s3cret' }));
writeFileSync(join(dir, 'broken.yaml'), 'a: [unclosed s3cret-in-broken-file\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Secret', () => {
  it('prints <secret> however it is printed, and reveals on request', () => {
    const s = new Secret('hunter2');
    expect(String(s)).toBe('<secret>');
    expect(`${s}`).toBe('<secret>');
    expect(JSON.stringify({ password: s })).toBe('{"password":"<secret>"}');
    expect(inspect({ s })).not.toContain('hunter2');
    expect(s.reveal()).toBe('hunter2');
  });

  it('stays hidden in pino logs, alone or beside redacted paths', () => {
    const lines: string[] = [];
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '<secret>' } }, new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }));
    log.info({ credentials: { username: 'dcnet', password: new Secret('hunter2') }, key: new Secret('k3y') }, 'connect');
    expect(lines.join('')).not.toMatch(/hunter2|k3y/);
    expect(lines.join('')).toContain('<secret>');
  });
});

describe('resolveSecretRef', () => {
  it('reads the environment', async () => {
    expect((await resolveSecretRef('env:DCNET_X', { env: { DCNET_X: 'from-env' } })).reveal()).toBe('from-env');
  });

  it('reads YAML and JSON files, relative to the topology folder or absolute, with dotted keys', async () => {
    expect((await resolveSecretRef('file:secrets.yaml#usg_password', { baseDir: dir })).reveal()).toBe('y4ml-s3cret');
    expect((await resolveSecretRef(`file:${join(dir, 'secrets.json')}#rgos`)).reveal()).toBe('js0n-s3cret');
    expect((await resolveSecretRef('file:secrets.yaml#nested.core.password', { baseDir: dir })).reveal()).toBe('n3sted');
    expect((await resolveSecretRef('file:secrets.yaml#port', { baseDir: dir })).reveal()).toBe('8443');
  });

  it('fails with DRIVER_CREDENTIALS naming the reference, never a value', async () => {
    const cases: [string, RegExp][] = [
      ['env:DCNET_MISSING', /environment variable DCNET_MISSING is not set/],
      ['file:nope.yaml#x', /does not exist/],
      ['file:secrets.yaml#nested', /no string value at key nested/],
      ['file:secrets.yaml#absent', /no string value at key absent/],
      ['file:broken.yaml#a', /neither valid YAML nor JSON/],
      ['vault:x', /not an env:NAME or file:path#key reference/],
    ];
    for (const [ref, re] of cases) {
      const err = await caught(resolveSecretRef(ref, { baseDir: dir, env: {} }));
      expect(err.code).toBe('DRIVER_CREDENTIALS');
      expect(err.message).toMatch(re);
      expect(err.message).toContain(ref);
      expect(JSON.stringify({ m: err.message, d: err.details })).not.toMatch(/y4ml-s3cret|n3sted|s3cret-in-broken-file/);
    }
  });
});

describe('credential profiles', () => {
  const topology = {
    devices: [{ name: 'core-1', credentials: 'vrp-core' }, { name: 'fw-1', credentials: 'usg' }, { name: 'odd', credentials: 'none' }],
    credentials: [
      { id: 'vrp-core', username: 'dcnet', password: 'env:DCNET_CORE_PASSWORD' },
      { id: 'usg', username: 'dcnet', password: 'file:secrets.yaml#usg_password' },
    ],
  } as unknown as Topology;

  it('resolves when the driver connects, not before', async () => {
    const env: NodeJS.ProcessEnv = {};
    const source = credentialsFor(topology, 'core-1', { env, baseDir: dir });
    env.DCNET_CORE_PASSWORD = 'set-later';
    const c = await source();
    expect(c.username).toBe('dcnet');
    expect(c.password?.reveal()).toBe('set-later');
    expect((await credentialsFor(topology, 'fw-1', { baseDir: dir })()).password?.reveal()).toBe('y4ml-s3cret');
  });

  it('names a missing profile, device or secret', async () => {
    expect(() => credentialsFor(topology, 'odd')).toThrow(/credential profile none/);
    expect(() => credentialsFor(topology, 'ghost')).toThrow(/no device ghost/);
    await expect(credentialsFor(topology, 'core-1', { env: {} })()).rejects.toMatchObject({ code: 'DRIVER_CREDENTIALS' });
    await expect(resolveCredentialProfile({ id: 'bare', username: 'u' })).rejects.toThrow(/neither a password nor a private key/);
  });

  it('resolves {{secret:...}} references of pushed commands', async () => {
    const resolve = secretResolver({ env: { DCNET_SNMP_COMMUNITY: 'c0mm' } });
    expect((await resolve('env:DCNET_SNMP_COMMUNITY')).reveal()).toBe('c0mm');
  });
});
