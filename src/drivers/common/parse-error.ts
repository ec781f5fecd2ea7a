import { DcnetError } from '../../errors.js';

/**
 * A device answer that does not match the format the parser expects.
 * Names the command and the first offending line (1-based line number in the output).
 */
export class DriverParseError extends DcnetError {
  readonly command: string;
  readonly line: string;
  readonly lineNumber: number;
  constructor(command: string, line: string, lineNumber: number, reason = 'unexpected line') {
    super('DRIVER_PARSE', `cannot parse "${command}": ${reason} at line ${lineNumber}: ${JSON.stringify(line)}`, {
      command,
      line,
      lineNumber,
    });
    this.command = command;
    this.line = line;
    this.lineNumber = lineNumber;
  }
}
