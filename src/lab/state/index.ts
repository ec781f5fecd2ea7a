/**
 * The lab's simulated world (see ../DESIGN.md): devices, links, VRRP, LLDP, counters, faults.
 *
 *   const net = createLabNetwork(topology, { clock })          // clock: () => ms, default Date.now
 *   const d = net.device('core-1')
 *   d.bootWith(text)                        // CLI: startup text (running := saved := text)
 *   d.running = text; d.save()              // CLI owns the text; 'change' events, d.configVersion
 *   d.setConfigInterpreter(fn)              // optional: text → DeviceOperConfig on every change
 *   d.setAdminStatus('GE0/0/1', false)      // or the other setters, as commands are accepted
 *   d.interfaces(), d.status(name), d.counters(name), d.vrrpGroups(), d.lldpNeighbors()
 *   d.faults.latencyMs / .dropAfterCommands / .rejectCommands / .refuseAuth / .altHostKey
 *   d.on('reboot' | 'snmp-set' | 'oper' | 'vrrp' | 'faults' | 'change', ...)
 *   net.setLinkState({ device, port }, up); net.setDeviceState(name, up); net.reboot(name)
 *   net.setTraffic({ device, port }, bps)
 */
export { createLabNetwork, LabNetwork, LabLink, linkId } from './network.js';
export type { LabNetworkOptions, LinkRef, LabNetworkEvents } from './network.js';
export { LabDevice } from './device.js';
export type { LabDeviceEvents, ConfigInterpreter } from './device.js';
export { LabStateError } from './errors.js';
export { isDropCommand, isRejectedCommand, mergeFaults } from './faults.js';
export { formatMac, formatMacHuawei, formatMacRuijie, engineIdOf } from './identity.js';
export {
  classifyInterface, ifNameOf, lagName, sviName, loopbackName, vrpShortName, nameKey, parseSpeed, SPEED_BPS,
} from './interfaces.js';
export { baselineConfig, configFromTopology, defaultSysName } from './oper-config.js';
export type * from './types.js';
