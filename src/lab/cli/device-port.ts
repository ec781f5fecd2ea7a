/**
 * What the CLI simulator needs from a simulated device: the part of the state module's LabDevice
 * (src/lab/state/device.ts) it uses, as a structural interface so that the engine can be tested
 * against a small fake and LabDevice satisfies it as it is.
 */
import type { Platform } from '../../model/index.js';
import type {
  ConfigChangeEvent, ConfigChangeSource, DeviceFaults, DeviceIdentity, DeviceOperConfig, InterfaceCounters,
  InterfaceStatus, LabInterface, LldpNeighbor, SnmpSetEvent, VrrpConfig, VrrpStatus,
} from '../state/types.js';

export interface CliDevice {
  readonly name: string;
  readonly platform: Platform;
  readonly model: string;
  readonly identity: DeviceIdentity;
  /** Running and saved configuration text (the CLI owns their content). */
  readonly running: string;
  readonly saved: string;
  setRunning(text: string, source?: ConfigChangeSource): void;
  setSaved(text: string, source?: ConfigChangeSource): void;
  save(source?: ConfigChangeSource): void;
  setConfigInterpreter(fn: ((running: string) => DeviceOperConfig) | undefined): void;
  /** Hold an unpublished change: the device runs `publish` before anything reads or changes its state. */
  holdChange?(publish: () => void): void;
  /** The held change was published or dropped by its writer. */
  releaseHeld?(): void;
  readonly faults: Readonly<DeviceFaults>;
  /** CPU and memory load in percent (display cpu-usage / memory-usage). */
  readonly cpuPercent: number;
  readonly memoryPercent: number;
  /** Powered and running (not `down`). */
  readonly up: boolean;
  uptimeMs(now?: number): number;
  readonly bootTimeMs: number;
  interfaces(): readonly LabInterface[];
  physicalPorts(): readonly string[];
  status(name: string): InterfaceStatus;
  counters(name: string, now?: number): InterfaceCounters;
  lagMembers(lag: string): string[];
  vrrpGroups(): VrrpStatus[];
  /** The VRRP configuration the state elects with (kept across reinterpretation for the VLAN of routed-port groups). */
  readonly vrrpConfig?: readonly VrrpConfig[];
  lldpNeighbors(): LldpNeighbor[];
  on(event: 'snmp-set', listener: (e: SnmpSetEvent) => void): unknown;
  on(event: 'change', listener: (e: ConfigChangeEvent) => void): unknown;
  on(event: 'reboot', listener: (e: { device: string; atMs: number }) => void): unknown;
  off(event: 'snmp-set', listener: (e: SnmpSetEvent) => void): unknown;
  off(event: 'change', listener: (e: ConfigChangeEvent) => void): unknown;
  off(event: 'reboot', listener: (e: { device: string; atMs: number }) => void): unknown;
}

/** What the CLI may ask of the lab around a device (optional: a bare device has none of it). */
export interface CliHost {
  /** Milliseconds, like Date.now() (the lab's clock). */
  clock(): number;
  /** Reboot the device (running := saved); `reboot` in the CLI. */
  reboot?(device: string): void;
  /** Offered traffic on a port (bit/s in and out), for utilisation and rate columns. */
  portRates?(device: string, port: string): { inBps: number; outBps: number } | undefined;
}
