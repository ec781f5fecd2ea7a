/** The base of every error dcnet raises on purpose. `code` is stable (SCREAMING_SNAKE with a module prefix). */
export class DcnetError extends Error {
  readonly code: string;
  readonly details?: unknown;
  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}
