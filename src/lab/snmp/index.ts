/** SNMP agents for lab devices (see ../DESIGN.md): from the state, or from an snmprec recording. */
export { startSnmpAgent } from './agent.js';
export type { SnmpAgentHandle, SnmpAgentOptions, SnmpAgentStats, SnmpCommunity, SnmpV3User, SnmpAccess } from './agent.js';
export { createDeviceMib, HUAWEI_MPU_ENTITY, HUAWEI_CHASSIS_ENTITY } from './device-mib.js';
export { parseSnmprec, loadSnmprec, SnmprecMib, SnmprecError } from './snmprec.js';
export type { SnmprecEntry } from './snmprec.js';
export { ObjectMib, compareOids, parseOid, formatOid, T as SnmpType, ERR as SnmpError } from './mib.js';
export type { MibView, Oid, SnmpValue, RequestContext } from './mib.js';
