import type { Rule } from '../rule.js';
import { addressingRule } from './addressing.js';
import { credentialsRule } from './credentials.js';
import { duplicatesRule } from './duplicates.js';
import { exposureRule } from './exposure.js';
import { firewallRule } from './firewall.js';
import { isolationRule } from './isolation.js';
import { lagsRule } from './lags.js';
import { platformSupportRule } from './platform-support.js';
import { portUsageRule } from './port-usage.js';
import { qosRule } from './qos.js';
import { redundancyRule } from './redundancy.js';
import { referencesRule } from './references.js';
import { routingRule } from './routing.js';
import { textRule } from './text.js';
import { vlansRule } from './vlans.js';
import { vrrpRule } from './vrrp.js';

export {
  addressingRule, credentialsRule, duplicatesRule, exposureRule, firewallRule, isolationRule, lagsRule, platformSupportRule,
  portUsageRule, qosRule, redundancyRule, referencesRule, routingRule, textRule, vlansRule, vrrpRule,
};

/** Every rule, in the order their findings are most useful to read. */
export const RULES: readonly Rule[] = [
  duplicatesRule,
  referencesRule,
  platformSupportRule,
  vlansRule,
  addressingRule,
  isolationRule,
  exposureRule,
  vrrpRule,
  lagsRule,
  portUsageRule,
  routingRule,
  firewallRule,
  qosRule,
  textRule,
  redundancyRule,
  credentialsRule,
];
