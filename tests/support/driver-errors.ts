/** Test helper for the drivers' typed errors. */
import { expect } from 'vitest';
import { DriverError } from '../../src/drivers/errors.js';

/** The DriverError `p` rejects with; the test fails if it resolves or rejects with anything else. */
export async function caught(p: Promise<unknown>): Promise<DriverError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DriverError);
    return err as DriverError;
  }
  throw new Error('expected a DriverError');
}
