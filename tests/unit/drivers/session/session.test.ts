/**
 * The prompt-driven SSH session against a minimal in-test SSH device (fake-device.ts):
 * prompts, paging, questions, rejected commands, timeouts, drops, authentication, host keys,
 * the pool's limits, secrets — and that nothing is left behind whatever way a session ends.
 */
import { Writable } from 'node:stream';

import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { Secret } from '../../../../src/drivers/credentials.js';
import { MemoryHostKeyStore } from '../../../../src/drivers/host-keys.js';
import { SessionPool, SshSession, rgosDialect, vrpDialect, type SessionOptions } from '../../../../src/drivers/session/index.js';
import { FakeDevice, goodKeyPair, type FakeDeviceOptions } from './fake-device.js';
import { caught } from '../../../support/driver-errors.js';

const PASSWORD = 'secret-pw';

function memoryLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  return { logger: pino({ level: 'trace' }, stream), lines };
}

describe('SshSession', () => {
  const devices: FakeDevice[] = [];
  const pools: SessionPool[] = [];
  const sessions: SshSession[] = [];

  async function device(opts: Partial<FakeDeviceOptions> & Pick<FakeDeviceOptions, 'family'>): Promise<FakeDevice> {
    const d = new FakeDevice({ name: opts.family === 'vrp' ? 'core-1' : 'agg-1', ...opts });
    await d.listen();
    devices.push(d);
    return d;
  }

  function options(d: FakeDevice, extra: Partial<SessionOptions> = {}): SessionOptions {
    const pool = extra.pool ?? new SessionPool();
    pools.push(pool);
    return {
      device: d.name,
      host: '127.0.0.1',
      port: d.port,
      dialect: d.o.family === 'vrp' ? vrpDialect : rgosDialect,
      credentials: { username: 'admin', password: new Secret(PASSWORD) },
      hostKeys: new MemoryHostKeyStore(),
      pool,
      ...extra,
    };
  }

  async function open(o: SessionOptions): Promise<SshSession> {
    const s = await SshSession.open(o);
    sessions.push(s);
    return s;
  }

  function expectClean(s: SshSession | undefined, pool: SessionPool): void {
    expect(pool.stats()).toEqual({ open: 0, waiting: 0, locked: 0, lockWaiting: 0, sessions: 0 });
    if (s) expect(s.resources).toEqual({ client: false, channel: false, socketOpen: false, listeners: 0, timers: false, slot: false, lock: false });
  }

  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.close();
    for (const p of pools.splice(0)) expect(p.stats().open).toBe(0);
  });

  afterAll(async () => {
    for (const d of devices) await d.stop();
  });

  describe('VRP', () => {
    it('learns the prompt after the banner, disables paging and strips echo and prompt', async () => {
      const d = await device({ family: 'vrp' });
      const s = await open(options(d));
      expect(s.prompt).toMatchObject({ base: 'core-1', line: '<core-1>', mode: 'user' });
      expect(d.received[0]).toBe('screen-length 0 temporary');
      const r = await s.exec('display version');
      expect(r.ok).toBe(true);
      expect(r.output.split('\n')[0]).toBe('Huawei Versatile Routing Platform Software');
      expect(r.output).not.toContain('<core-1>');
      expect(r.output).not.toContain('display version');
      expect(r.output).toMatch(/uptime is .*\n$/);
    });

    it('prefers key exchange over NIST P-256 and keeps the other algorithms; options replace the lists', async () => {
      const d = await device({ family: 'vrp' });
      const s = await open(options(d));
      expect(s.negotiated?.kex).toBe('ecdh-sha2-nistp256');
      await s.close();
      const x = await open(options(d, { algorithms: { kex: ['curve25519-sha256'] } }));
      expect(x.negotiated?.kex).toBe('curve25519-sha256');
      await x.close();
      // A server that offers only X25519 still gets a handshake with the default preferences.
      const only = await device({ family: 'vrp', algorithms: { kex: ['curve25519-sha256@libssh.org'] } });
      const y = await open(options(only));
      expect(y.negotiated?.kex).toBe('curve25519-sha256@libssh.org');
      await y.close();
    });

    it('answers the pager with a space when paging stays on, and erases it from the output', async () => {
      const d = await device({ family: 'vrp', rejectPagingCommand: true });
      const s = await open(options(d));
      const r = await s.exec('display long');
      const lines = r.output.trimEnd().split('\n');
      expect(lines).toEqual(Array.from({ length: 35 }, (_, i) => `line ${i + 1}`));
      expect(r.output).not.toMatch(/More|\x1b/);
    });

    it('answers the [Y/N] question of save with Y', async () => {
      const d = await device({ family: 'vrp' });
      const s = await open(options(d));
      const [r] = await s.run(['save']);
      expect(r!.ok).toBe(true);
      expect(r!.output).toMatch(/Continue\? \[Y\/N\]:Y\n/);
      expect(r!.output).toContain('Info: Save the configuration successfully.');
      expect(d.saved).toBe(true);
    });

    it('follows view changes in a configuration batch', async () => {
      const d = await device({ family: 'vrp' });
      const s = await open(options(d));
      const results = await s.run(['system-view', 'interface Vlanif10', ' description USERS-GW', 'quit', 'interface Vlanif20', 'ip address 10.0.20.1 24', 'return']);
      expect(results.map((r) => r.ok)).toEqual(Array(7).fill(true));
      expect(results[0]!.output).toBe('Enter system view, return user view with Ctrl+Z.\n');
      expect(results[2]!.command).toBe('description USERS-GW');
      expect(s.prompt?.line).toBe('<core-1>');
      expect(d.config).toContain('description USERS-GW');
    });

    it('stops a batch at a rejected command and names it, its position and the message', async () => {
      const d = await device({ family: 'vrp' });
      const s = await open(options(d));
      const err = await caught(s.run(['system-view', 'interface Vlanif10', 'ip adress 10.0.0.1 24', 'description never-sent', 'return']));
      expect(err.code).toBe('DRIVER_COMMAND_REJECTED');
      expect(err.details).toMatchObject({ command: 'ip adress 10.0.0.1 24', index: 2, position: 3, total: 5, message: "Error: Unrecognized command found at '^' position." });
      expect(err.message).toContain('command 3 of 5');
      expect((err.details!.results as unknown[]).length).toBe(3);
      expect(d.received).not.toContain('description never-sent');
      // The session is still usable after a rejection.
      expect((await s.exec('return')).ok).toBe(true);
    });

    it('reports an incomplete command', async () => {
      const d = await device({ family: 'vrp' });
      const s = await open(options(d));
      const err = await caught(s.run(['system-view', 'interface Vlanif10', 'ip address']));
      expect(err.details).toMatchObject({ position: 3, message: "Error: Incomplete command found at '^' position." });
    });

    it('answers the first-login password-change question with N', async () => {
      const d = await device({ family: 'vrp', passwordChangeQuestion: true });
      const s = await open(options(d));
      expect(s.prompt?.base).toBe('core-1');
      expect((await s.exec('display version')).ok).toBe(true);
    });

    it('follows a sysname change', async () => {
      const d = await device({ family: 'vrp' });
      const s = await open(options(d));
      await s.run(['system-view', 'sysname core-9', 'interface Vlanif10', 'return']);
      expect(s.prompt).toMatchObject({ base: 'core-9', line: '<core-9>' });
    });

    it('answers a configuration question per the policy (Y by default, N when told)', async () => {
      const d = await device({ family: 'vrp' });
      const s = await open(options(d));
      const yes = await s.run(['system-view', 'undo mpls', 'return']);
      expect(yes[1]!.output).toContain('[Y/N]:Y');
      const no = await s.run(['system-view', 'undo mpls', 'return'], { confirmFor: (c) => (c === 'undo mpls' ? 'no' : undefined) });
      expect(no[1]!.output).toContain('[Y/N]:N');
      expect(no[1]!.output).toContain('cancelled');
    });
  });

  describe('RGOS', () => {
    it('enters privileged EXEC with the enable password, disables paging, and follows config modes', async () => {
      const d = await device({ family: 'rgos', enablePassword: 'en-pw' });
      const s = await open(options(d, { credentials: { username: 'admin', password: new Secret(PASSWORD), enablePassword: new Secret('en-pw') } }));
      expect(s.prompt).toMatchObject({ base: 'agg-1', mode: 'privileged', line: 'agg-1#' });
      expect(d.received.slice(0, 2)).toEqual(['enable', 'terminal length 0']);
      const results = await s.run(['configure terminal', 'interface VLAN 10', 'ip address 10.0.10.2 255.255.255.0', 'exit', 'end', 'write']);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results[5]!.output).toContain('[OK]');
      expect(s.prompt?.line).toBe('agg-1#');
      expect(d.saved).toBe(true);
    });

    it('refuses a wrong enable password with DRIVER_AUTH', async () => {
      const d = await device({ family: 'rgos', enablePassword: 'en-pw' });
      const o = options(d);
      const err = await caught(open(o));
      expect(err.code).toBe('DRIVER_AUTH');
      expect(err.message).toContain('% Access denied');
      expectClean(undefined, o.pool!);
    });

    it('detects % errors and stops the batch', async () => {
      const d = await device({ family: 'rgos' });
      const s = await open(options(d));
      const err = await caught(s.run(['configure terminal', 'interfase vlan 10', 'end']));
      expect(err.details).toMatchObject({ position: 2, message: "% Invalid input detected at '^' marker." });
      const err2 = await caught(s.run(['interface VLAN 10', 'ip address', 'end']));
      expect(err2.details).toMatchObject({ position: 2, message: '% Incomplete command.' });
    });

    it('answers the --More-- pager', async () => {
      const d = await device({ family: 'rgos', rejectPagingCommand: true });
      const s = await open(options(d));
      const r = await s.exec('show long');
      expect(r.output.trimEnd().split('\n')).toHaveLength(35);
      expect(r.output).not.toMatch(/More|\x08/);
    });
  });

  describe('failures leave nothing behind', () => {
    it('times out a slow command with DRIVER_TIMEOUT and closes the session', async () => {
      const d = await device({ family: 'vrp' });
      const o = options(d, { timeouts: { commandMs: 150 } });
      const s = await open(o);
      d.o.latencyMs = 600;
      const err = await caught(s.run(['display version']));
      expect(err.code).toBe('DRIVER_TIMEOUT');
      expect(err.details).toMatchObject({ command: 'display version', timeoutMs: 150, position: 1 });
      expectClean(s, o.pool!);
      await caught(s.exec('display version')).then((e) => expect(e.code).toBe('DRIVER_TIMEOUT'));
    });

    it('gives DRIVER_DISCONNECTED with the completed commands when the connection drops mid-batch', async () => {
      const d = await device({ family: 'vrp', dropAtCommand: 4 });
      const o = options(d);
      const s = await open(o); // command 1: screen-length
      const err = await caught(s.run(['system-view', 'interface Vlanif10', 'description x', 'quit', 'return']));
      expect(err.code).toBe('DRIVER_DISCONNECTED');
      expect(err.details).toMatchObject({ command: 'description x', position: 3, completed: ['system-view', 'interface Vlanif10'] });
      expectClean(s, o.pool!);
      await new Promise((r) => setTimeout(r, 50));
      expect(d.connections).toBe(0);
    });

    it('refuses a wrong password with DRIVER_AUTH', async () => {
      const d = await device({ family: 'vrp' });
      const o = options(d, { credentials: { username: 'admin', password: new Secret('wrong') } });
      const err = await caught(open(o));
      expect(err.code).toBe('DRIVER_AUTH');
      expect(err.message).not.toContain('wrong');
      expectClean(undefined, o.pool!);
    });

    it('gives DRIVER_CONNECT when nothing listens', async () => {
      const d = await device({ family: 'vrp' });
      const o = options(d, { port: 1 });
      const err = await caught(open(o));
      expect(err.code).toBe('DRIVER_CONNECT');
      expectClean(undefined, o.pool!);
    });

    it('ends the session when its lifetime is over', async () => {
      const d = await device({ family: 'vrp' });
      const o = options(d, { timeouts: { sessionMs: 1000 } });
      const s = await open(o);
      await new Promise((r) => setTimeout(r, 1100));
      const err = await caught(s.exec('display version'));
      expect(err.code).toBe('DRIVER_TIMEOUT');
      expect(err.details).toMatchObject({ phase: 'session' });
      expectClean(s, o.pool!);
    });

    it('after a clean close', async () => {
      const d = await device({ family: 'vrp' });
      const o = options(d);
      const s = await SshSession.open(o);
      await s.exec('display version');
      await s.close();
      expectClean(s, o.pool!);
      expect((await caught(s.exec('display version'))).code).toBe('DRIVER_CLOSED');
      await new Promise((r) => setTimeout(r, 50));
      expect(d.connections).toBe(0);
    });
  });

  describe('authentication and host keys', () => {
    it('logs in with a private key', async () => {
      const pair = goodKeyPair();
      const d = await device({ family: 'vrp', authorizedKey: pair.public });
      const s = await open(options(d, { credentials: { username: 'admin', privateKey: new Secret(pair.private) } }));
      expect((await s.exec('display version')).ok).toBe(true);
    });

    it('records the host key on first use, accepts it again, and refuses a changed one', async () => {
      const d = await device({ family: 'vrp' });
      const store = new MemoryHostKeyStore();
      const o = options(d, { hostKeys: store });
      const s1 = await open(o);
      await s1.close();
      const recorded = await store.get('core-1', '127.0.0.1');
      expect(recorded?.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(recorded?.keyType).toBe('ssh-ed25519');
      const s2 = await open(o);
      await s2.close();
      d.rotateHostKey();
      const err = await caught(open(o));
      expect(err.code).toBe('DRIVER_HOST_KEY_CHANGED');
      expect(err.details).toMatchObject({ expected: recorded!.fingerprint });
      expect(err.details!.presented).not.toBe(recorded!.fingerprint);
      expect((await store.get('core-1', '127.0.0.1'))?.fingerprint).toBe(recorded!.fingerprint);
      expectClean(undefined, o.pool!);
    });

    it('refuses the connection when the host-key store fails', async () => {
      const d = await device({ family: 'vrp' });
      const o = options(d, { hostKeys: { get: async () => { throw new Error('db down'); }, set: async (_d, _a, r) => r } });
      const err = await caught(open(o));
      expect(err.code).toBe('DRIVER_HOST_KEY_STORE');
      expectClean(undefined, o.pool!);
    });
  });

  describe('secrets', () => {
    it('sends the resolved value, returns and logs the token, never the value or the password', async () => {
      const d = await device({ family: 'vrp' });
      const { logger, lines } = memoryLogger();
      const s = await open(options(d, { logger, resolveSecret: (ref) => new Secret(ref === 'env:COMMUNITY' ? 'v3ry-s3cret-c0mm' : '?') }));
      const results = await s.run(['system-view', 'snmp-agent community read {{secret:env:COMMUNITY}}', 'return']);
      expect(d.received).toContain('snmp-agent community read v3ry-s3cret-c0mm');
      expect(results[1]!.command).toBe('snmp-agent community read {{secret:env:COMMUNITY}}');
      expect(JSON.stringify(results)).not.toContain('v3ry-s3cret-c0mm');
      const log = lines.join('');
      expect(log).toContain('{{secret:env:COMMUNITY}}');
      expect(log).not.toContain('v3ry-s3cret-c0mm');
      expect(log).not.toContain(PASSWORD);
    });

    it('refuses a token without a resolver', async () => {
      const d = await device({ family: 'vrp' });
      const s = await open(options(d));
      const err = await caught(s.run(['system-view', 'snmp-agent community read {{secret:env:X}}']));
      expect(err.code).toBe('DRIVER_CREDENTIALS');
      expect(d.received).not.toContain('snmp-agent community read {{secret:env:X}}');
    });
  });

  describe('pool limits', () => {
    it('allows one configuring session per device: a second one waits, then fails with DRIVER_BUSY', async () => {
      const d = await device({ family: 'vrp' });
      const pool = new SessionPool({ lockTimeoutMs: 200 });
      const o = options(d, { pool });
      const a = await open(o);
      const b = await open(o);
      await a.lockForConfig();
      const t0 = Date.now();
      const err = await caught(b.lockForConfig());
      expect(err.code).toBe('DRIVER_BUSY');
      expect(err.details).toMatchObject({ scope: 'device' });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
      // Reading is never blocked by the lock.
      expect((await b.exec('display version')).ok).toBe(true);
      // A waiter gets the lock as soon as the holder closes.
      const waiting = b.lockForConfig(5_000);
      expect(pool.stats()).toMatchObject({ locked: 1, lockWaiting: 1 });
      await a.close();
      await waiting;
      expect(b.holdsConfigLock).toBe(true);
      await b.close();
      expectClean(b, pool);
    });

    it('a session that ends while waiting for the device lock stops waiting at once', async () => {
      const d = await device({ family: 'vrp' });
      const pool = new SessionPool({ lockTimeoutMs: 10_000 });
      const o = options(d, { pool });
      const a = await open(o);
      const b = await open(o);
      await a.lockForConfig();
      const waiting = caught(b.lockForConfig());
      await new Promise((r) => setTimeout(r, 20));
      expect(pool.stats()).toMatchObject({ locked: 1, lockWaiting: 1 });
      b.destroy('test');
      expect((await waiting).code).toBe('DRIVER_CLOSED');
      expect(pool.stats()).toMatchObject({ locked: 1, lockWaiting: 0 });
      await a.close();
      expectClean(b, pool);
    });

    it('limits open sessions globally', async () => {
      const d = await device({ family: 'vrp' });
      const pool = new SessionPool({ maxSessions: 1, acquireTimeoutMs: 150 });
      const o = options(d, { pool });
      const a = await open(o);
      const err = await caught(SshSession.open(o));
      expect(err.code).toBe('DRIVER_BUSY');
      expect(err.details).toMatchObject({ scope: 'global', limit: 1 });
      const next = SshSession.open({ ...o, pool });
      await new Promise((r) => setTimeout(r, 20));
      expect(pool.stats()).toMatchObject({ open: 1, waiting: 1 });
      await a.close();
      const b = await next;
      await b.close();
      expectClean(b, pool);
    });
  });
});

describe('open sockets after the suite', () => {
  let before = 0;
  beforeAll(() => {
    before = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
  });
  it('a batch of sessions against one device leaves no handle open', async () => {
    const d = new FakeDevice({ family: 'vrp', name: 'leak-1' });
    await d.listen();
    const pool = new SessionPool({ maxSessions: 4 });
    const opts: SessionOptions = {
      device: 'leak-1', host: '127.0.0.1', port: d.port, dialect: vrpDialect, pool,
      credentials: { username: 'admin', password: new Secret(PASSWORD) }, hostKeys: new MemoryHostKeyStore(),
    };
    await Promise.all(Array.from({ length: 8 }, async () => {
      const s = await SshSession.open(opts);
      await s.run(['display version']);
      await s.close();
    }));
    d.o.dropAtCommand = 3;
    await Promise.allSettled(Array.from({ length: 4 }, async () => {
      const s = await SshSession.open(opts);
      try { await s.run(['display version', 'display version']); } finally { await s.close(); }
    }));
    await d.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(pool.stats()).toEqual({ open: 0, waiting: 0, locked: 0, lockWaiting: 0, sessions: 0 });
    const after = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
    expect(after).toBeLessThanOrEqual(before);
  });
});
