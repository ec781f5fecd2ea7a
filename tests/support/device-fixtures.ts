/**
 * The real-device material the tests read (captures, SNMP recordings, configuration samples), kept
 * in the project under tests/fixtures/devices/ (see its README.md). A missing file is an error that
 * names it: a test never passes by not finding its data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEVICE_FIXTURES = resolve(import.meta.dirname, '../fixtures/devices');

/** The absolute path of a fixture (relative to tests/fixtures/devices); throws when it is not there. */
export function deviceFixture(rel: string): string {
  const path = join(DEVICE_FIXTURES, rel);
  if (!existsSync(path)) throw new Error(`missing device fixture tests/fixtures/devices/${rel} (tests/fixtures/devices/README.md says how one is added)`);
  return path;
}

/** A fixture's text. */
export function readDeviceFixture(rel: string): string {
  return readFileSync(deviceFixture(rel), 'utf8');
}
