/**
 * SSH host keys of the lab's devices: one Ed25519 key per device, generated when its SSH server
 * starts (about 0.5 ms each: fast enough for a thousand devices), and a second one generated on
 * demand for the `altHostKey` fault.
 */
import { createHash, createPrivateKey, sign } from 'node:crypto';
import ssh2, { type ParsedKey } from 'ssh2';

const { utils } = ssh2;

export interface HostKey {
  /** OpenSSH private key text (what ssh2's Server takes). */
  privateKey: string;
  /** `ssh-ed25519 AAAA...` (known_hosts form without the host). */
  publicKey: string;
  /** `SHA256:...` as OpenSSH prints it. */
  fingerprint: string;
}

export function generateHostKey(comment = 'dcnet-lab'): HostKey {
  // ssh2 1.17 strips a leading zero byte of the public key, so about 1 key in 256 is malformed
  // (mscdex/ssh2#1390, #1513): generate again until both halves parse.
  for (let attempt = 0; ; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    const parsed = utils.parseKey(pair.public);
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key instanceof Error || !key || utils.parseKey(pair.private) instanceof Error) {
      if (attempt < 16) continue;
      throw new Error(`cannot read a generated host key: ${String(key)}`);
    }
    return hostKeyOf(pair, key);
  }
}

/**
 * The host key as ssh2's Server takes it (a parsed key), signing with a key object made once:
 * ssh2's own sign() re-reads the PEM text at every signature, one per SSH handshake, which costs
 * ten times the Ed25519 signature itself (about 0.4 ms against 0.04 ms).
 */
export function serverHostKey(privateKey: string): ParsedKey {
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error(`cannot read a host key: ${String(parsed)}`);
  const pem = parsed.getPrivatePEM();
  const keyObject = createPrivateKey(pem);
  Object.defineProperty(parsed, 'sign', {
    value: (data: Buffer, algo?: string): Buffer | Error => {
      try {
        return sign(algo || null, data, keyObject);
      } catch (err) {
        return err as Error;
      }
    },
  });
  return parsed;
}

function hostKeyOf(pair: { private: string; public: string }, key: ParsedKey): HostKey {
  const blob = key.getPublicSSH();
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return { privateKey: pair.private, publicKey: pair.public.trim(), fingerprint };
}

/** Host keys per device, the alternative ones made when first asked for. */
export class HostKeyStore {
  private readonly keys = new Map<string, HostKey>();
  private readonly alt = new Map<string, HostKey>();

  primary(device: string): HostKey {
    let k = this.keys.get(device);
    if (!k) this.keys.set(device, (k = generateHostKey(`${device}@dcnet-lab`)));
    return k;
  }

  alternative(device: string): HostKey {
    let k = this.alt.get(device);
    if (!k) this.alt.set(device, (k = generateHostKey(`${device}-alt@dcnet-lab`)));
    return k;
  }
}
