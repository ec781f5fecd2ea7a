export {
  type Cidr, parseIpv4, formatIpv4, parseCidr, formatPrefix, cidrContains, cidrContainsAddress, cidrOverlaps,
  sameBlock, hasHostBits, isNetworkAddress, isBroadcastAddress, overlappingPairs,
} from './prefix.js';
