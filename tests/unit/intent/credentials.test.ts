import { describe, expect, it } from 'vitest';
import { credentialsRule } from '../../../src/intent/rules/index.js';
import { check, codes, references, variant } from './helpers.js';

describe('rule credentials', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [credentialsRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [credentialsRule]), 'error'), name).toEqual([]);
  });

  it('warns about a credential with neither password nor key, and incomplete SNMP settings', () => {
    const t = variant((t) => {
      const [netops, fw] = t.credentials!;
      delete netops!.password;
      netops!.snmp = { version: 'v2c' };
      fw!.snmp = { version: 'v3', privProtocol: 'aes', privKey: 'env:PRIV' };
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_CREDENTIAL_NO_SECRET', 'INTENT_CREDENTIAL_SNMP_INCOMPLETE', 'INTENT_CREDENTIAL_SNMP_INCOMPLETE']);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
    expect(f[0]!.message).toBe("credential 'netops' has neither a password nor a private key: SSH login will fail");
    expect(f[2]!.message).toBe("credential 'fw-admin' SNMP settings are incomplete: v3 needs a user; privacy needs authentication");
  });
});
