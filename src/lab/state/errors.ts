import { DcnetError } from '../../errors.js';

/** Errors of the lab's state: unknown device, link or interface, or an operation it cannot do. */
export class LabStateError extends DcnetError {}

export const LAB_UNKNOWN_DEVICE = 'LAB_UNKNOWN_DEVICE';
export const LAB_UNKNOWN_LINK = 'LAB_UNKNOWN_LINK';
export const LAB_UNKNOWN_INTERFACE = 'LAB_UNKNOWN_INTERFACE';
export const LAB_BAD_INTERFACE = 'LAB_BAD_INTERFACE';
export const LAB_BAD_VALUE = 'LAB_BAD_VALUE';
