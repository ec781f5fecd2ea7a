/**
 * Credentials: the schema already forbids literal secrets (only env: and file: references); this
 * rule checks that each credential can actually log in and poll.
 *
 * Codes (warnings):
 * - INTENT_CREDENTIAL_NO_SECRET: neither password nor privateKey: SSH login cannot succeed.
 * - INTENT_CREDENTIAL_SNMP_INCOMPLETE: SNMP v2c with no community, or v3 with no user, or an
 *   authentication/privacy protocol with no key (or a key with no protocol), or privacy without
 *   authentication.
 */
import { pointerOf, type Finding } from '../../model/index.js';
import { items, type RuleContext } from '../context.js';
import { isRecord } from '../facts.js';
import { warning, type Rule } from '../rule.js';

function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const [c, ci] of items(ctx.topology.credentials)) {
    const who = `credential '${String(c.id)}'`;
    if (c.password === undefined && c.privateKey === undefined) {
      out.push(warning('INTENT_CREDENTIAL_NO_SECRET', pointerOf('credentials', ci), `${who} has neither a password nor a private key: SSH login will fail`));
    }
    const s = c.snmp;
    if (!isRecord(s)) continue;
    const at = pointerOf('credentials', ci, 'snmp');
    const problems: string[] = [];
    if (s.version === 'v2c' && s.community === undefined) problems.push('v2c needs a community');
    if (s.version === 'v3') {
      if (s.user === undefined) problems.push('v3 needs a user');
      if ((s.authProtocol === undefined) !== (s.authKey === undefined)) problems.push('authProtocol and authKey go together');
      if ((s.privProtocol === undefined) !== (s.privKey === undefined)) problems.push('privProtocol and privKey go together');
      if (s.privProtocol !== undefined && s.authProtocol === undefined) problems.push('privacy needs authentication');
    }
    if (problems.length > 0) out.push(warning('INTENT_CREDENTIAL_SNMP_INCOMPLETE', at, `${who} SNMP settings are incomplete: ${problems.join('; ')}`));
  }
  return out;
}

export const credentialsRule: Rule = {
  id: 'credentials',
  description: 'every credential can log in (password or key) and poll (complete SNMP settings)',
  codes: ['INTENT_CREDENTIAL_NO_SECRET', 'INTENT_CREDENTIAL_SNMP_INCOMPLETE'],
  check,
};
