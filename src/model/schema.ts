/**
 * The topology schema: the network as data. This file is the public file format
 * (documented in docs/topology.md); every object is closed (unknown fields are errors).
 */
import { Type, type Static, type TSchema, type TObject, type TProperties } from '@sinclair/typebox';

const Strict = <T extends TProperties>(props: T, description?: string): TObject<T> =>
  Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });

/** A name used as an id: letters, digits, dot, dash, underscore. */
export const NameSchema = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,62}$', description: 'identifier' });
export const Ipv4Schema = Type.String({
  pattern: '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$',
  description: 'IPv4 address',
});
/** An address with its prefix length on an interface, e.g. 10.1.10.2/24. */
export const InterfaceAddressSchema = Type.String({
  pattern: '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/([0-9]|[12][0-9]|3[0-2])$',
  description: 'IPv4 address with prefix length (a.b.c.d/len)',
});
/** A network prefix, e.g. 10.20.0.0/16 (host bits must be zero: checked by intent). */
export const PrefixSchema = InterfaceAddressSchema;
/**
 * A route distinguisher or route target: ASN:NN (2- or 4-byte AS number, as plain number), X.Y:NN (a
 * 4-byte AS number in dotted notation) or IP:NN. Ranges per form are checked by intent (routing rule),
 * which compares targets as the devices read them: as numbers, whatever the notation.
 */
export const RouteTargetSchema = Type.String({
  pattern: '^([0-9]{1,10}|[0-9]{1,5}\\.[0-9]{1,5}|((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])):[0-9]{1,10}$',
  description: 'ASN:NN, X.Y:NN (4-byte AS in dotted notation) or IP:NN',
});
export const VlanIdSchema = Type.Integer({ description: 'VLAN id (1-4094)' });
export const PortNumberSchema = Type.Integer({ minimum: 1, maximum: 65535 });
/** A reference to a secret, never the secret: env:NAME or file:path#key. */
export const SecretRefSchema = Type.String({
  pattern: '^(env:[A-Z_][A-Z0-9_]*|file:[^#]+#[A-Za-z0-9_.-]+)$',
  description: 'secret reference (env:NAME or file:path#key); the secret itself never appears in topology files',
});
export const SpeedSchema = Type.Union(
  [Type.Literal('100M'), Type.Literal('1G'), Type.Literal('10G'), Type.Literal('25G'), Type.Literal('40G'), Type.Literal('100G')],
  { description: 'port speed' },
);

export const ZONES = ['core', 'exchange', 'public', 'hosting', 'management', 'egress'] as const;
export const ZoneIdSchema = Type.Union(ZONES.map((z) => Type.Literal(z)), { description: 'one of the six zones' });
export const LAYERS = ['core', 'aggregation', 'access', 'firewall', 'router', 'appliance'] as const;
export const LayerSchema = Type.Union(LAYERS.map((l) => Type.Literal(l)), { description: 'layer or role' });
export const VENDORS = ['huawei', 'ruijie'] as const;
export const VendorSchema = Type.Union(VENDORS.map((v) => Type.Literal(v)));
export const PLATFORMS = ['huawei-vrp', 'ruijie-rgos', 'huawei-usg'] as const;
export const PlatformSchema = Type.Union(PLATFORMS.map((p) => Type.Literal(p)));

// ---------------------------------------------------------------------------- network
export const SiteSchema = Strict({
  id: NameSchema,
  name: Type.String(),
  description: Type.Optional(Type.String()),
});

export const ZoneSchema = Strict({
  id: ZoneIdSchema,
  name: Type.String(),
  description: Type.Optional(Type.String()),
  /** The VPN instance that carries the zone's own services (exchange, public, management...). */
  vpn: Type.Optional(NameSchema),
});

export const CredentialSchema = Strict({
  id: NameSchema,
  username: Type.String({ minLength: 1 }),
  password: Type.Optional(SecretRefSchema),
  privateKey: Type.Optional(SecretRefSchema),
  snmp: Type.Optional(Strict({
    version: Type.Union([Type.Literal('v2c'), Type.Literal('v3')]),
    community: Type.Optional(SecretRefSchema),
    user: Type.Optional(Type.String()),
    authProtocol: Type.Optional(Type.Union([Type.Literal('sha'), Type.Literal('md5')])),
    authKey: Type.Optional(SecretRefSchema),
    privProtocol: Type.Optional(Type.Union([Type.Literal('aes'), Type.Literal('des')])),
    privKey: Type.Optional(SecretRefSchema),
  })),
});

export const VlanSchema = Strict({
  id: VlanIdSchema,
  name: NameSchema,
  description: Type.Optional(Type.String()),
  zone: Type.Optional(ZoneIdSchema),
  department: Type.Optional(NameSchema),
});

export const QosProfileSchema = Strict({
  name: NameSchema,
  /** Trust the marking the host sends, or overwrite it. */
  trust: Type.Optional(Type.Union([Type.Literal('dscp'), Type.Literal('8021p'), Type.Literal('none')])),
  dscp: Type.Optional(Type.Integer({ minimum: 0, maximum: 63 })),
  cos: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 })),
  description: Type.Optional(Type.String()),
});

export const VpnInstanceSchema = Strict({
  name: NameSchema,
  /** department: one tenant; shared: a service zone all or some departments reach; internet; management. */
  kind: Type.Union([Type.Literal('department'), Type.Literal('shared'), Type.Literal('internet'), Type.Literal('management')]),
  rd: RouteTargetSchema,
  importTargets: Type.Array(RouteTargetSchema),
  exportTargets: Type.Array(RouteTargetSchema),
  zone: Type.Optional(ZoneIdSchema),
  description: Type.Optional(Type.String()),
});

export const DepartmentSchema = Strict({
  id: NameSchema,
  name: Type.String(),
  vpn: NameSchema,
  pools: Type.Array(PrefixSchema, { minItems: 1 }),
  quotas: Type.Optional(Strict({
    slots: Type.Optional(Type.Integer({ minimum: 0 })),
    vlans: Type.Optional(Type.Integer({ minimum: 0 })),
    addresses: Type.Optional(Type.Integer({ minimum: 0 })),
  })),
  /** Shared-service VPN instances this department may reach. */
  mayReach: Type.Optional(Type.Array(NameSchema)),
  /** Address pool handed to the department's travelling staff on remote-access VPN. */
  remoteAccessPool: Type.Optional(PrefixSchema),
  contact: Type.Optional(Type.String()),
});

/** The interior gateway protocol of the global routing table (loopbacks, BGP next hops, LDP). */
export const IgpSchema = Strict({
  protocol: Type.Literal('ospf'),
  /** OSPF process id (default 1). */
  process: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
});

export const RoutingSchema = Strict({
  asn: Type.Integer({ minimum: 1, maximum: 4294967295 }),
  /** Devices that speak iBGP VPNv4 to each other (full mesh among them). */
  bgpSpeakers: Type.Optional(Type.Array(NameSchema)),
  igp: Type.Optional(IgpSchema),
});

// ---------------------------------------------------------------------------- device parts
export const PortSchema = Strict({
  name: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  mode: Type.Optional(Type.Union([Type.Literal('access'), Type.Literal('trunk'), Type.Literal('routed')])),
  vlan: Type.Optional(VlanIdSchema),
  allowedVlans: Type.Optional(Type.Array(VlanIdSchema)),
  address: Type.Optional(InterfaceAddressSchema),
  vpn: Type.Optional(NameSchema),
  mpls: Type.Optional(Type.Boolean()),
  qos: Type.Optional(NameSchema),
  shutdown: Type.Optional(Type.Boolean()),
  speed: Type.Optional(SpeedSchema),
});

export const LagSchema = Strict({
  id: Type.Integer({ minimum: 1, maximum: 128 }),
  description: Type.Optional(Type.String()),
  mode: Type.Union([Type.Literal('lacp'), Type.Literal('static')]),
  members: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  portMode: Type.Optional(Type.Union([Type.Literal('access'), Type.Literal('trunk'), Type.Literal('routed')])),
  vlan: Type.Optional(VlanIdSchema),
  allowedVlans: Type.Optional(Type.Array(VlanIdSchema)),
  address: Type.Optional(InterfaceAddressSchema),
  mpls: Type.Optional(Type.Boolean()),
});

/** A layer-3 VLAN interface (Vlanif on Huawei, interface VLAN on Ruijie). */
export const SviSchema = Strict({
  vlan: VlanIdSchema,
  description: Type.Optional(Type.String()),
  addresses: Type.Array(InterfaceAddressSchema, { minItems: 1 }),
  vpn: Type.Optional(NameSchema),
  mpls: Type.Optional(Type.Boolean()),
});

export const StaticRouteSchema = Strict({
  prefix: PrefixSchema,
  nextHop: Ipv4Schema,
  vpn: Type.Optional(NameSchema),
  preference: Type.Optional(Type.Integer({ minimum: 1, maximum: 255 })),
  /**
   * A backup: used only while no dynamic route (BGP, OSPF) to the prefix exists. Intent checks that
   * its preference loses to every dynamic protocol that may provide the prefix on the device.
   */
  floating: Type.Optional(Type.Boolean()),
  description: Type.Optional(Type.String()),
});

/** An OSPF area id: a number or dotted (0 = 0.0.0.0, the backbone). */
export const AreaIdSchema = Type.Union([
  Type.Integer({ minimum: 0, maximum: 4294967295 }),
  Type.String({ pattern: '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$' }),
], { description: 'OSPF area id (number or a.b.c.d)' });

/** The device's part of the IGP (network.routing.igp): its areas and the interfaces in each. */
export const OspfSchema = Strict({
  areas: Type.Array(Strict({
    id: AreaIdSchema,
    /** Ports, `lag:N`, `vlan:N` (a VLAN interface) or `loopback`; each interface's subnets are advertised. */
    interfaces: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  }), { minItems: 1 }),
});

/** A security zone on a firewall: name, priority, the interfaces in it and what it stands for. */
export const SecurityZoneSchema = Strict({
  name: NameSchema,
  priority: Type.Integer({ minimum: 1, maximum: 100 }),
  /** The data-centre zone behind it, or the internet / remote-access users. */
  represents: Type.Union([...ZONES.map((z) => Type.Literal(z)), Type.Literal('internet'), Type.Literal('remote-access')]),
  /** The department whose interfaces (or remote-access users) the zone holds, when it holds one department's. */
  department: Type.Optional(NameSchema),
  /** Ports, `lag:N` (a LAG) or `vlan:N` (a VLAN interface) of the firewall. */
  interfaces: Type.Array(Type.String({ minLength: 1 })),
});

export const NatServerSchema = Strict({
  name: NameSchema,
  protocol: Type.Union([Type.Literal('tcp'), Type.Literal('udp')]),
  globalAddress: Ipv4Schema,
  globalPort: PortNumberSchema,
  insideAddress: Ipv4Schema,
  insidePort: PortNumberSchema,
});

/** Source NAT for traffic from one security zone to another (trust → untrust, DMZ → untrust). */
export const SourceNatSchema = Strict({
  name: NameSchema,
  from: NameSchema,
  to: NameSchema,
  /** The inside prefixes translated (all, when absent). */
  sources: Type.Optional(Type.Array(PrefixSchema)),
  /** The public addresses used; absent: the address of the outgoing interface (easy IP). */
  addresses: Type.Optional(Strict({ first: Ipv4Schema, last: Ipv4Schema })),
});

/** Hot standby (HRP) with a peer firewall: sessions and configuration mirrored over a heartbeat link. */
export const HrpSchema = Strict({
  peer: NameSchema,
  /** The heartbeat port (or lag:N), addressed on the same subnet as the peer's. */
  interface: Type.String({ minLength: 1 }),
  role: Type.Union([Type.Literal('active'), Type.Literal('standby')]),
});

export const FirewallSchema = Strict({
  zones: Type.Array(SecurityZoneSchema, { minItems: 1 }),
  natServers: Type.Optional(Type.Array(NatServerSchema)),
  sourceNat: Type.Optional(Type.Array(SourceNatSchema)),
  hrp: Type.Optional(HrpSchema),
});

export const DeviceSchema = Strict({
  name: NameSchema,
  vendor: VendorSchema,
  platform: PlatformSchema,
  model: Type.String({ minLength: 1 }),
  layer: LayerSchema,
  zone: ZoneIdSchema,
  site: Type.Optional(NameSchema),
  description: Type.Optional(Type.String()),
  management: Strict({
    address: Ipv4Schema,
    sshPort: Type.Optional(PortNumberSchema),
    snmpPort: Type.Optional(PortNumberSchema),
  }),
  credentials: NameSchema,
  /** full: lines the model does not manage are removed; partial: they are reported and left alone. */
  managed: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('partial')])),
  /** Loopback address: router id and MPLS LSR-ID. */
  loopback: Type.Optional(Ipv4Schema),
  mpls: Type.Optional(Type.Boolean()),
  vlans: Type.Optional(Type.Array(VlanIdSchema)),
  ports: Type.Optional(Type.Array(PortSchema)),
  lags: Type.Optional(Type.Array(LagSchema)),
  svis: Type.Optional(Type.Array(SviSchema)),
  staticRoutes: Type.Optional(Type.Array(StaticRouteSchema)),
  ospf: Type.Optional(OspfSchema),
  firewall: Type.Optional(FirewallSchema),
  /** Extra ports beyond the model's standard inventory (line cards, uplink modules). */
  extraPorts: Type.Optional(Type.Array(Strict({ name: Type.String({ minLength: 1 }), speed: SpeedSchema }))),
});

// ---------------------------------------------------------------------------- network-wide relations
export const EndpointSchema = Strict({ device: NameSchema, port: Type.String({ minLength: 1 }) });
export const LinkSchema = Strict({
  a: EndpointSchema,
  b: EndpointSchema,
  speed: Type.Optional(SpeedSchema),
  description: Type.Optional(Type.String()),
});

export const VrrpTrackSchema = Strict({
  /** Port or LAG (lag:N) whose failure lowers the priority. */
  interface: Type.String({ minLength: 1 }),
  reduce: Type.Integer({ minimum: 1, maximum: 254 }),
});
export const VrrpMemberSchema = Strict({
  device: NameSchema,
  vlan: VlanIdSchema,
  priority: Type.Integer({ minimum: 1, maximum: 254 }),
  track: Type.Optional(Type.Array(VrrpTrackSchema)),
});
export const VrrpGroupSchema = Strict({
  name: NameSchema,
  vrid: Type.Integer({ minimum: 1, maximum: 255 }),
  virtualIp: Ipv4Schema,
  advertiseInterval: Type.Optional(Type.Integer({ minimum: 1, maximum: 255 })),
  preemptDelay: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
  members: Type.Array(VrrpMemberSchema, { minItems: 1 }),
});

export const PolicyRuleSchema = Strict({
  name: NameSchema,
  /** Security zone names as declared on firewalls. */
  from: NameSchema,
  to: NameSchema,
  action: Type.Union([Type.Literal('permit'), Type.Literal('deny')]),
  services: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  destination: Type.Optional(Type.Array(PrefixSchema)),
  description: Type.Optional(Type.String()),
});

export const RemoteAccessSchema = Strict({
  /** Firewall that terminates remote-access VPN users. */
  firewall: NameSchema,
  /**
   * How users connect: L2TP carried in IPsec (the only transport rendered; plain L2TP would cross the
   * internet in clear). A user's department is decided by the AAA domain they authenticate in
   * (user@<department id>), never by a name the client chooses.
   */
  transport: Type.Optional(Type.Literal('l2tp-over-ipsec')),
  /** The IKE pre-shared key (a reference; required to render IPsec). */
  preSharedKey: Type.Optional(SecretRefSchema),
  /** Each user group lands in its own department's VPN instance and security zone, and nothing else. */
  groups: Type.Array(Strict({
    name: NameSchema,
    department: NameSchema,
    vpn: NameSchema,
    /** The security zone (represents: remote-access) of the group's users on the firewall. */
    zone: Type.Optional(NameSchema),
  })),
});

export const NetworkSchema = Strict({
  name: NameSchema,
  description: Type.Optional(Type.String()),
  kind: Type.Optional(Type.Union([Type.Literal('data-centre'), Type.Literal('extranet')])),
  routing: Type.Optional(RoutingSchema),
});

/** One network, possibly assembled from several files. */
export const TopologySchema = Strict({
  network: NetworkSchema,
  sites: Type.Optional(Type.Array(SiteSchema)),
  zones: Type.Array(ZoneSchema),
  credentials: Type.Optional(Type.Array(CredentialSchema)),
  vlans: Type.Optional(Type.Array(VlanSchema)),
  qosProfiles: Type.Optional(Type.Array(QosProfileSchema)),
  vpnInstances: Type.Optional(Type.Array(VpnInstanceSchema)),
  departments: Type.Optional(Type.Array(DepartmentSchema)),
  devices: Type.Array(DeviceSchema),
  links: Type.Optional(Type.Array(LinkSchema)),
  vrrp: Type.Optional(Type.Array(VrrpGroupSchema)),
  policy: Type.Optional(Type.Array(PolicyRuleSchema)),
  remoteAccess: Type.Optional(RemoteAccessSchema),
});

export type Site = Static<typeof SiteSchema>;
export type Zone = Static<typeof ZoneSchema>;
export type ZoneId = Static<typeof ZoneIdSchema>;
export type Layer = Static<typeof LayerSchema>;
export type Vendor = Static<typeof VendorSchema>;
export type Platform = Static<typeof PlatformSchema>;
export type Speed = Static<typeof SpeedSchema>;
export type Credential = Static<typeof CredentialSchema>;
export type Vlan = Static<typeof VlanSchema>;
export type QosProfile = Static<typeof QosProfileSchema>;
export type VpnInstance = Static<typeof VpnInstanceSchema>;
export type Department = Static<typeof DepartmentSchema>;
export type Port = Static<typeof PortSchema>;
export type Lag = Static<typeof LagSchema>;
export type Svi = Static<typeof SviSchema>;
export type StaticRoute = Static<typeof StaticRouteSchema>;
export type Ospf = Static<typeof OspfSchema>;
export type AreaId = Static<typeof AreaIdSchema>;
export type Igp = Static<typeof IgpSchema>;
export type SourceNat = Static<typeof SourceNatSchema>;
export type Hrp = Static<typeof HrpSchema>;
export type SecurityZone = Static<typeof SecurityZoneSchema>;
export type NatServer = Static<typeof NatServerSchema>;
export type Firewall = Static<typeof FirewallSchema>;
export type Device = Static<typeof DeviceSchema>;
export type Endpoint = Static<typeof EndpointSchema>;
export type Link = Static<typeof LinkSchema>;
export type VrrpTrack = Static<typeof VrrpTrackSchema>;
export type VrrpMember = Static<typeof VrrpMemberSchema>;
export type VrrpGroup = Static<typeof VrrpGroupSchema>;
export type PolicyRule = Static<typeof PolicyRuleSchema>;
export type RemoteAccess = Static<typeof RemoteAccessSchema>;
export type Network = Static<typeof NetworkSchema>;
export type Topology = Static<typeof TopologySchema>;

/** The top-level sections; list-valued ones are concatenated across the files of a network. */
export const LIST_SECTIONS = [
  'sites', 'zones', 'credentials', 'vlans', 'qosProfiles', 'vpnInstances', 'departments',
  'devices', 'links', 'vrrp', 'policy',
] as const;
export const SINGLE_SECTIONS = ['network', 'remoteAccess'] as const;
export type AnySchema = TSchema;
