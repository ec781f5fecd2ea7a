/**
 * The change engine's vocabulary: statuses, phases, targets, events and the hooks through which a
 * command line, the API and a job queue plug in.
 */
import type { Credential, Layer, Platform } from '../model/index.js';
import type { ErrorInfo } from './errors.js';

// ---------------------------------------------------------------------------- statuses

export const CHANGE_STATUSES = [
  'pending', // created; nothing locked or read yet
  'preflight', // locks held; snapshots being read and compared with the plan
  'applying', // devices being changed, wave by wave
  'canary_hold', // the canary devices are changed and verified; waiting for the go-ahead
  'verifying', // every device applied; checking the state the change implies across devices
  'awaiting_confirmation', // applied and verified, not saved: confirm before the deadline or it is rolled back
  'confirming', // confirmed: saving
  'saving', // saving every device
  'rolling_back', // returning every touched device to its snapshot
  'completed', // applied, verified and saved everywhere
  'rolled_back', // every touched device is back to its snapshot (and its startup configuration untouched)
  'rollback_failed', // some device could not be returned: reserved until reconciled
  'refused', // refused before touching anything (validation, drift, locks)
  'failed', // failed before touching anything (a device unreachable in preflight)
] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** Nothing more will happen to a change in these states. */
export const FINAL_STATUSES: readonly ChangeStatus[] = ['completed', 'rolled_back', 'refused', 'failed'];
/** A process is (or was, if it died) working on a change in these states. */
export const IN_FLIGHT_STATUSES: readonly ChangeStatus[] = ['pending', 'preflight', 'applying', 'canary_hold', 'verifying', 'confirming', 'saving', 'rolling_back'];

export const DEVICE_STATUSES = [
  'pending', 'snapshotted', 'applying', 'applied', 'verified', 'saving', 'saved',
  'rolling_back', 'rolled_back', 'rollback_failed', 'failed', 'unchanged',
] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** The phases of the journal. */
export const PHASES = [
  'lock', 'preflight', 'snapshot', 'apply', 'readback', 'check', 'verify', 'gate', 'save',
  'rollback', 'rollback-verify', 'resave', 'confirm', 'expire', 'reconcile', 'plan',
] as const;
export type Phase = (typeof PHASES)[number];

// ---------------------------------------------------------------------------- targets

/** How a device is reached. The credential holds references (env:/file:), never values. */
export interface DeviceTarget {
  device: string;
  platform: Platform;
  host: string;
  port: number;
  snmpPort?: number;
  credential: Credential;
  /** The folder `file:` references are relative to (the topology's). */
  baseDir?: string;
}

// ---------------------------------------------------------------------------- checks

/** A VRRP group a device is a member of, as intended. */
export interface VrrpCheck {
  name: string;
  vrid: number;
  vlan: number;
  virtualIp: string;
  preemptDelayS: number;
  /** The members, with how to reach each (to read its state: a peer may be outside the change). */
  members: { device: string; priority: number; target?: DeviceTarget }[];
}

export interface LagCheck {
  id: number;
  members: string[];
}

/** What a change to a device implies about its state, checked through the getters. */
export interface DeviceChecks {
  vrrp: VrrpCheck[];
  lags: LagCheck[];
}

// ---------------------------------------------------------------------------- events

export type ChangeEvent =
  | { type: 'plan'; planId?: number; device: string; state: 'start' | 'changed' | 'unchanged' | 'failed'; error?: ErrorInfo; at: string }
  | { type: 'change'; changeId: number; planId: number; status: ChangeStatus; error?: ErrorInfo; deadline?: string; at: string }
  | {
    type: 'step'; changeId: number; device: string | null; phase: Phase; state: 'start' | 'ok' | 'failed';
    ms?: number; error?: ErrorInfo; detail?: Record<string, unknown>; at: string;
  }
  | { type: 'gate'; changeId: number; reason: 'canary' | 'playbook'; devices: string[]; message: string; at: string }
  | { type: 'playbook'; runId: number; step: string; action: string; state: 'start' | 'ok' | 'failed' | 'skipped'; detail?: Record<string, unknown>; error?: ErrorInfo; at: string };

export type ChangeEventListener = (event: ChangeEvent) => void;

/** Who asks, and why: every change carries it into the audit log. */
export interface Actor {
  /** A user name or token owner (the API), or `cli:<os user>`. */
  actor: string;
  /** Why: required for apply, confirm and rollback. */
  message: string;
  requestId?: string;
}

export type LayerRank = Record<Layer, number>;
