/**
 * Errors of the render module: an unknown device or platform, and a running configuration that
 * does not parse (truncated, garbage, another vendor's syntax). Each names the device and, for a
 * parse error, the line.
 */
import { DcnetError } from '../errors.js';

export type RenderErrorCode =
  | 'RENDER_UNKNOWN_DEVICE'
  | 'RENDER_UNKNOWN_PLATFORM'
  | 'RENDER_PARSE';

export interface RenderErrorDetails {
  device?: string;
  platform?: string;
  /** 1-based line of the configuration text that did not parse. */
  line?: number;
  /** That line's text (clipped). */
  text?: string;
}

export class RenderError extends DcnetError {
  declare readonly code: RenderErrorCode;
  declare readonly details: RenderErrorDetails;
  constructor(code: RenderErrorCode, message: string, details: RenderErrorDetails = {}) {
    super(code, message, details);
  }
}
