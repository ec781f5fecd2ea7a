/**
 * The drivers' errors: one class, DriverError, with a stable code per failure (NAPALM's
 * `napalm/base/exceptions.py`, flattened into codes). `details` never carries a secret: no
 * password, no resolved `{{secret:...}}` value, no private key.
 */
import { DcnetError } from '../errors.js';

export const DRIVER_ERROR_CODES = [
  'DRIVER_CONNECT', // TCP/SSH transport could not be established (refused, unreachable, handshake failed)
  'DRIVER_AUTH', // the device refused the login
  'DRIVER_HOST_KEY_CHANGED', // the device presented a host key other than the one recorded: connection refused
  'DRIVER_HOST_KEY_STORE', // the host-key store could not be read or written: connection refused
  'DRIVER_TIMEOUT', // a command, the login or the whole session ran out of time
  'DRIVER_DISCONNECTED', // the connection dropped while the session was in use
  'DRIVER_COMMAND_REJECTED', // the device answered a command with its error text; the batch stopped there
  'DRIVER_BUSY', // another configuring session holds the device and the wait for it timed out
  'DRIVER_CLOSED', // the session or driver was used after close()
  'DRIVER_PROMPT', // the device's prompt could not be recognised after login
  'DRIVER_SAVE', // save did not report success
  'DRIVER_PARSE', // a display/show output could not be parsed into the getter's shape
  'DRIVER_CREDENTIALS', // a credential reference could not be resolved (names the reference, never the value)
  'DRIVER_UNKNOWN_PLATFORM', // getDriver() was asked for a platform it does not know
  'DRIVER_SNMP', // an SNMP SET/GET failed (error status such as notWritable, transport failure)
  'DRIVER_SNMP_TIMEOUT', // no SNMP answer (wrong community, agent down, filtered)
  'DRIVER_SNMP_NOT_FOUND', // the interface named for an SNMP action is not in ifName/ifDescr
  'DRIVER_SNMP_VERIFY', // the value read back after an SNMP SET differs from the one set
] as const;
export type DriverErrorCode = (typeof DRIVER_ERROR_CODES)[number];

export class DriverError extends DcnetError {
  declare readonly code: DriverErrorCode;
  declare readonly details: Record<string, unknown> | undefined;
  constructor(code: DriverErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(code, message, details);
    if (cause !== undefined) this.cause = cause;
  }
}

/** Parsers raise their own DriverParseError (code DRIVER_PARSE, a DcnetError); re-exported here. */
export { DriverParseError } from './common/parse-error.js';

export function isDriverError(err: unknown, code?: DriverErrorCode): err is DriverError {
  return err instanceof DriverError && (code === undefined || err.code === code);
}
