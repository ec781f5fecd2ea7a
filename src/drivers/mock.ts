/**
 * The 'mock' platform (NAPALM's `test/double.py`): a driver of a real platform — its dialect, its
 * getter recipes, its parsers — whose transport answers from canned outputs instead of SSH. Each
 * command maps to a text: given inline, by a function, or as `<dir>/<command>.txt` (the command
 * with every run of characters other than letters, digits, `.` and `-` replaced by `_`:
 * `display interface brief` → `display_interface_brief.txt`). A command with no answer gets an
 * empty output. Rejections come from the dialect, as on a device: an answer that holds `Error: ...`
 * (VRP) or `% ...` (RGOS) rejects the command.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Logger } from 'pino';

import type { Platform } from '../model/index.js';
import { BaseDriver, type CliTransport, type PlatformProfile } from './base-driver.js';
import { DriverError } from './errors.js';
import type { CliDialect } from './session/dialect.js';
import type { CommandOptions, RunOptions } from './session/ssh-session.js';
import type { CommandResult } from './types.js';

export interface MockDriverOptions {
  /** The platform the mock stands for (its parsers read the canned outputs). */
  platform: Platform;
  device?: string;
  responses?: Record<string, string> | ((command: string) => string | undefined);
  /** A folder of `<command>.txt` captures. */
  dir?: string;
  logger?: Logger;
}

export function mockFileName(command: string): string {
  return `${command.trim().replace(/[^A-Za-z0-9.-]+/g, '_')}.txt`;
}

export class MockTransport implements CliTransport {
  /** Every command received, in order. */
  readonly sent: string[] = [];
  closed = false;

  constructor(private readonly o: MockDriverOptions, private readonly dialect: CliDialect) {}

  private answer(command: string): string {
    const r = this.o.responses;
    const inline = typeof r === 'function' ? r(command) : r?.[command];
    if (inline !== undefined) return inline;
    if (this.o.dir) {
      const file = join(this.o.dir, mockFileName(command));
      if (existsSync(file)) return readFileSync(file, 'utf8');
    }
    return '';
  }

  async exec(command: string, _opts?: CommandOptions): Promise<CommandResult> {
    if (this.closed) throw new DriverError('DRIVER_CLOSED', `${this.o.device ?? 'mock'}: the mock session is closed`, { device: this.o.device ?? 'mock' });
    const c = command.trim();
    this.sent.push(c);
    const output = this.answer(c);
    const error = this.dialect.rejection(output.split('\n'));
    return error === undefined ? { command: c, output, ok: true } : { command: c, output, ok: false, error };
  }

  async run(commands: readonly string[], opts?: RunOptions): Promise<CommandResult[]> {
    const results: CommandResult[] = [];
    for (const [i, c] of commands.entries()) {
      const r = await this.exec(c, opts);
      results.push(r);
      if (!r.ok) {
        throw new DriverError('DRIVER_COMMAND_REJECTED', `${this.o.device ?? 'mock'} rejected command ${i + 1} of ${commands.length} \`${r.command}\`: ${r.error}`, {
          device: this.o.device ?? 'mock', command: r.command, index: i, position: i + 1, total: commands.length, message: r.error, output: r.output, results: [...results],
        });
      }
    }
    return results;
  }

  async lockForConfig(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
  }
}

export class MockDriver extends BaseDriver {
  readonly mock: MockTransport;

  constructor(profile: PlatformProfile, o: MockDriverOptions) {
    super(profile, {
      device: o.device ?? 'mock',
      host: 'mock',
      credentials: { username: 'mock' },
      hostKeys: { get: async () => undefined, set: async (_d, _a, r) => r },
      ...(o.logger ? { logger: o.logger } : {}),
    });
    this.mock = new MockTransport(o, profile.dialect);
  }

  protected override async connect(): Promise<CliTransport> {
    this.mock.closed = false;
    return this.mock;
  }

  /** The commands the driver sent, in order. */
  get sent(): readonly string[] {
    return this.mock.sent;
  }
}
