/**
 * The uniform getter shapes every DeviceDriver returns, whatever the vendor
 * (NAPALM's `napalm/base/models.py`, typed). Declared once here as TypeBox
 * schemas so the API can expose them; platform parsers map their raw rows to
 * these shapes (src/drivers/<platform>/parsers/, src/drivers/shared-vrp/).
 */
import { Type, type Static } from '@sinclair/typebox';
import { PlatformSchema, VendorSchema } from '../model/index.js';

const Closed = { additionalProperties: false } as const;

// ---------------------------------------------------------------------------- facts
export const FactsSchema = Type.Object(
  {
    vendor: VendorSchema,
    /** Hardware model, e.g. `CE6881-48S6CQ`, `S5735-L48T4X-A1`, `RG-S6510-48VS8CQ`, `USG6650`. */
    model: Type.String(),
    /** Software version as the device prints it, e.g. `V200R019C10SPC800`, `RGOS 11.0(5)B9P59`. */
    osVersion: Type.String(),
    /** Serial number (ESN); empty string when the device does not show it in the parsed output. */
    serial: Type.String(),
    uptimeSeconds: Type.Integer({ minimum: 0 }),
    /** sysname / hostname. */
    hostname: Type.String(),
  },
  Closed,
);
export type Facts = Static<typeof FactsSchema>;

// ---------------------------------------------------------------------------- interfaces
export const InterfaceInfoSchema = Type.Object(
  {
    /** Full interface name (`GigabitEthernet0/0/1`, never `GE0/0/1`). */
    name: Type.String(),
    adminUp: Type.Boolean(),
    operUp: Type.Boolean(),
    speedMbps: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    description: Type.String(),
    /** Full name of the LAG this port is a member of (`Eth-Trunk1`, `AggregatePort 1`), or null. */
    lag: Type.Union([Type.String(), Type.Null()]),
    mac: Type.Optional(Type.String()),
  },
  Closed,
);
export type InterfaceInfo = Static<typeof InterfaceInfoSchema>;

// ---------------------------------------------------------------------------- VRRP
export const VRRP_STATES = ['master', 'backup', 'initialize', 'unknown'] as const;
export const VrrpStateSchema = Type.Union(VRRP_STATES.map((s) => Type.Literal(s)));
export type VrrpState = Static<typeof VrrpStateSchema>;

export const VrrpInfoSchema = Type.Object(
  {
    /** VRID. */
    group: Type.Integer({ minimum: 1, maximum: 255 }),
    /** Full interface name (`Vlanif10`, `VLAN 10`). */
    interface: Type.String(),
    virtualIp: Type.String(),
    state: VrrpStateSchema,
    /** Running (effective) priority when the device shows it, else the configured one. */
    priority: Type.Integer({ minimum: 0, maximum: 255 }),
    /** Current master's address; null when the device does not show it (brief outputs). */
    masterAddress: Type.Union([Type.String(), Type.Null()]),
  },
  Closed,
);
export type VrrpInfo = Static<typeof VrrpInfoSchema>;

// ---------------------------------------------------------------------------- LAG
export const LAG_MEMBER_STATUSES = ['selected', 'unselected', 'up', 'down'] as const;
export const LagMemberStatusSchema = Type.Union(LAG_MEMBER_STATUSES.map((s) => Type.Literal(s)));
export type LagMemberStatus = Static<typeof LagMemberStatusSchema>;

export const LagMemberSchema = Type.Object({ port: Type.String(), status: LagMemberStatusSchema }, Closed);
export type LagMember = Static<typeof LagMemberSchema>;

export const LagInfoSchema = Type.Object(
  {
    /** Full name (`Eth-Trunk1`, `AggregatePort 1`). */
    name: Type.String(),
    id: Type.Integer({ minimum: 0 }),
    mode: Type.Union([Type.Literal('lacp'), Type.Literal('static')]),
    members: Type.Array(LagMemberSchema),
    operUp: Type.Boolean(),
  },
  Closed,
);
export type LagInfo = Static<typeof LagInfoSchema>;

// ---------------------------------------------------------------------------- LLDP
export const LldpNeighborSchema = Type.Object(
  {
    /** Full local interface name. */
    localPort: Type.String(),
    neighborName: Type.String(),
    /** The neighbour's port id as it advertises it (not normalised). */
    neighborPort: Type.String(),
    chassisId: Type.Optional(Type.String()),
  },
  Closed,
);
export type LldpNeighbor = Static<typeof LldpNeighborSchema>;

// ---------------------------------------------------------------------------- VPN instances / VRFs
export const VpnInstanceInfoSchema = Type.Object(
  {
    name: Type.String(),
    rd: Type.Union([Type.String(), Type.Null()]),
    importTargets: Type.Array(Type.String()),
    exportTargets: Type.Array(Type.String()),
    /** Full interface names bound to the instance. */
    interfaces: Type.Array(Type.String()),
  },
  Closed,
);
export type VpnInstanceInfo = Static<typeof VpnInstanceInfoSchema>;

// ---------------------------------------------------------------------------- L3 interfaces, ARP, routes
export const IpInterfaceInfoSchema = Type.Object(
  {
    name: Type.String(),
    /** `a.b.c.d/len`, or null when unnumbered / unassigned. */
    address: Type.Union([Type.String(), Type.Null()]),
    adminUp: Type.Boolean(),
    operUp: Type.Boolean(),
  },
  Closed,
);
export type IpInterfaceInfo = Static<typeof IpInterfaceInfoSchema>;

export const ArpEntrySchema = Type.Object(
  {
    ip: Type.String(),
    mac: Type.String(),
    interface: Type.String(),
    vlan: Type.Union([Type.Integer(), Type.Null()]),
    vrf: Type.Union([Type.String(), Type.Null()]),
  },
  Closed,
);
export type ArpEntry = Static<typeof ArpEntrySchema>;

export const RouteSchema = Type.Object(
  {
    prefix: Type.String(),
    protocol: Type.String(),
    preference: Type.Integer(),
    cost: Type.Integer(),
    nextHop: Type.String(),
    interface: Type.String(),
  },
  Closed,
);
export type Route = Static<typeof RouteSchema>;

// ---------------------------------------------------------------------------- commands
export const CommandResultSchema = Type.Object(
  {
    command: Type.String(),
    /** The device's answer to the command (echo and prompt removed). */
    output: Type.String(),
    ok: Type.Boolean(),
    /** The device's error message when `ok` is false. */
    error: Type.Optional(Type.String()),
  },
  Closed,
);
export type CommandResult = Static<typeof CommandResultSchema>;

// ---------------------------------------------------------------------------- the driver
/**
 * One interface, one implementation per platform (src/drivers/<platform>/driver.ts).
 * Getters return the shapes above; parse failures throw DriverParseError (DRIVER_PARSE).
 */
export interface DeviceDriver {
  readonly platform: Static<typeof PlatformSchema>;
  open(): Promise<void>;
  close(): Promise<void>;
  getFacts(): Promise<Facts>;
  getRunningConfig(): Promise<string>;
  /**
   * Runs the commands in order (planDiff's output as it is, entering and leaving configuration mode
   * included); stops at the first rejected one and throws DriverError DRIVER_COMMAND_REJECTED whose
   * details carry command, index, position, message and `results` (the rejected one last, ok=false).
   */
  applyCommands(commands: readonly string[]): Promise<CommandResult[]>;
  save(): Promise<void>;
  getInterfaces(): Promise<InterfaceInfo[]>;
  getVrrp(): Promise<VrrpInfo[]>;
  getLags(): Promise<LagInfo[]>;
  getLldpNeighbors(): Promise<LldpNeighbor[]>;
  getVpnInstances(): Promise<VpnInstanceInfo[]>;
}

// ---------------------------------------------------------------------------- getter recipes
/**
 * How a platform answers one getter: the commands to send (in order) and a pure function that
 * builds the uniform shape from their outputs (same order). Each platform's `parsers/index.ts`
 * exports one recipe per getter, so a driver only runs `commands` and calls `build`.
 * `build` throws DriverParseError (DRIVER_PARSE) when an output does not match its format.
 */
export interface GetterRecipe<T> {
  readonly commands: readonly string[];
  build(outputs: readonly string[]): T;
}

export interface GetterRecipes {
  facts: GetterRecipe<Facts>;
  interfaces: GetterRecipe<InterfaceInfo[]>;
  vrrp: GetterRecipe<VrrpInfo[]>;
  lags: GetterRecipe<LagInfo[]>;
  lldpNeighbors: GetterRecipe<LldpNeighbor[]>;
  vpnInstances: GetterRecipe<VpnInstanceInfo[]>;
}
