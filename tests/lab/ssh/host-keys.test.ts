import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateHostKey, serverHostKey } from '../../../src/lab/ssh/host-keys.js';

const { utils } = ssh2;

describe('lab host keys', () => {
  it('serverHostKey signs exactly as ssh2 does (Ed25519 is deterministic), and the public key verifies it', () => {
    const key = generateHostKey('test@dcnet-lab');
    const fast = serverHostKey(key.privateKey);
    const plain = utils.parseKey(key.privateKey) as ssh2.ParsedKey;
    const pub = utils.parseKey(key.publicKey) as ssh2.ParsedKey;
    for (const data of [Buffer.from('exchange hash'), Buffer.alloc(32, 7), Buffer.alloc(0)]) {
      const sig = fast.sign(data);
      expect(sig).toBeInstanceOf(Buffer);
      expect(sig).toEqual(plain.sign(data));
      expect(pub.verify(data, sig as Buffer)).toBe(true);
      expect(pub.verify(Buffer.concat([data, Buffer.from('x')]), sig as Buffer)).toBe(false);
    }
    expect(fast.type).toBe('ssh-ed25519');
    expect(fast.getPublicSSH()).toEqual(pub.getPublicSSH());
  });

  it('refuses text that is not a key, naming the problem', () => {
    expect(() => serverHostKey('not a key')).toThrow(/cannot read a host key/);
  });
});
