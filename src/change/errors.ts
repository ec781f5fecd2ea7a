/**
 * The change engine's errors: one class with a stable code per refusal or failure. Messages name
 * the devices and the change or plan concerned; details never carry a secret.
 */
import { DcnetError } from '../errors.js';

export const CHANGE_ERROR_CODES = [
  'CHANGE_SELECTOR', // a device selector does not parse, or selects nothing
  'CHANGE_UNKNOWN_PLAN', // no plan with this id
  'CHANGE_UNKNOWN_CHANGE', // no change with this id
  'CHANGE_MESSAGE_REQUIRED', // an apply, confirm or rollback without a message saying why
  'CHANGE_INVALID_TOPOLOGY', // the plan's topology has validation errors
  'CHANGE_PLAN_INCOMPLETE', // some devices of the plan could not be planned (unreachable, render error)
  'CHANGE_DRIFT', // a device's running configuration changed since the plan
  'CHANGE_LOCKED', // a device is held by another change (applying, awaiting confirmation, or not yet reconciled)
  'CHANGE_PREFLIGHT', // a device could not be reached or read before anything was changed
  'CHANGE_STATE', // the change is not in a state that allows this (confirm a finished change...)
  'CHANGE_CONFIRM_EXPIRED', // the confirmation came after the deadline: the change is being rolled back
  'CHANGE_APPLY_FAILED', // a device failed to apply, verify or save: the change was rolled back
  'CHANGE_ROLLBACK_FAILED', // a device could not be returned to its snapshot: it is named, and reserved until reconciled
  'CHANGE_SECRET_UNRESTORABLE', // a rollback would have to type a secret whose reference is unknown
  'CHANGE_ABORTED', // a canary or playbook gate was refused
  'CHANGE_PLAYBOOK', // a playbook file is invalid, or a step failed
  'CHANGE_TARGET', // a device has no address, credentials or SNMP community to reach it
] as const;
export type ChangeErrorCode = (typeof CHANGE_ERROR_CODES)[number];

export class ChangeError extends DcnetError {
  declare readonly code: ChangeErrorCode;
  declare readonly details: Record<string, unknown> | undefined;
  constructor(code: ChangeErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(code, message, details);
    if (cause !== undefined) this.cause = cause;
  }
}

export function isChangeError(err: unknown, code?: ChangeErrorCode): err is ChangeError {
  return err instanceof ChangeError && (code === undefined || err.code === code);
}

/** A plain, secret-free description of any error for the journal and events. */
export interface ErrorInfo {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

const DETAIL_KEYS = ['device', 'command', 'position', 'index', 'total', 'message', 'phase', 'timeoutMs', 'completed', 'expected', 'presented', 'devices', 'reason'];

export function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof DcnetError) {
    const d = (err.details ?? {}) as Record<string, unknown>;
    const details: Record<string, unknown> = {};
    for (const k of DETAIL_KEYS) if (d[k] !== undefined) details[k] = d[k];
    return { code: err.code, message: err.message, ...(Object.keys(details).length ? { details } : {}) };
  }
  const e = err as Error | undefined;
  return { code: 'CHANGE_INTERNAL', message: e?.message ?? String(err) };
}
