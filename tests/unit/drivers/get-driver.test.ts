/**
 * getDriver: one driver per platform, and 'mock' — a real platform's recipes and parsers over
 * canned outputs (NAPALM's double), inline or as `<command>.txt` files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';

import {
  DriverError, HuaweiUsgDriver, HuaweiVrpDriver, MemoryHostKeyStore, RuijieRgosDriver, getDriver, mockFileName,
} from '../../../src/drivers/index.js';

const silent = pino({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'dcnet-mock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VRP_VERSION = [
  'Huawei Versatile Routing Platform Software',
  'VRP (R) software, Version 5.170 (S5700 V200R010C00SPC600)',
  'Copyright (C) 2000-2016 HUAWEI TECH CO., LTD',
  'HUAWEI S5700-28C-HI Routing Switch uptime is 1 week, 2 days, 3 hours, 4 minutes',
  '',
].join('\n');

describe('getDriver', () => {
  it('gives the driver of each platform', () => {
    const o = { device: 'x', host: '127.0.0.1', credentials: { username: 'u' }, hostKeys: new MemoryHostKeyStore(), logger: silent };
    expect(getDriver('huawei-vrp', o)).toBeInstanceOf(HuaweiVrpDriver);
    expect(getDriver('ruijie-rgos', o)).toBeInstanceOf(RuijieRgosDriver);
    expect(getDriver('huawei-usg', o)).toBeInstanceOf(HuaweiUsgDriver);
    expect(() => getDriver('cisco-ios' as 'huawei-vrp', o)).toThrow(DriverError);
    expect(() => getDriver('mock', { platform: 'junos' as 'huawei-vrp' })).toThrow(/real platform/);
  });

  it('mock: runs the platform\'s getter recipe over canned outputs', async () => {
    writeFileSync(join(dir, mockFileName('display version')), VRP_VERSION);
    writeFileSync(join(dir, mockFileName('display esn')), 'ESN of master: 2102351931P0C3000123\n');
    const d = getDriver('mock', {
      platform: 'huawei-vrp', device: 'acc-1', dir, logger: silent,
      responses: { 'display current-configuration | include sysname': 'sysname acc-1\n' },
    });
    await d.open();
    const facts = await d.getFacts();
    expect(facts).toMatchObject({ vendor: 'huawei', model: 'S5700-28C-HI', osVersion: 'V200R010C00SPC600', serial: '2102351931P0C3000123', hostname: 'acc-1' });
    expect(facts.uptimeSeconds).toBe(((7 + 2) * 24 + 3) * 3600 + 4 * 60);
    expect(d.sent).toEqual(['display version', 'display esn', 'display current-configuration | include sysname']);
    await d.close();
  });

  it('mock: applyCommands stops at the rejected command, returns to the top view, and names it', async () => {
    const d = getDriver('mock', {
      platform: 'huawei-vrp', logger: silent,
      responses: (c) => (c === 'ip adress 1.1.1.1 24' ? "          ^\nError: Unrecognized command found at '^' position.\n" : ''),
    });
    await d.open();
    const err = await d.applyCommands(['system-view', 'interface Vlanif10', 'ip adress 1.1.1.1 24', 'quit', 'return']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).code).toBe('DRIVER_COMMAND_REJECTED');
    expect((err as DriverError).details).toMatchObject({ command: 'ip adress 1.1.1.1 24', position: 3, message: "Error: Unrecognized command found at '^' position." });
    expect(d.sent).toEqual(['system-view', 'interface Vlanif10', 'ip adress 1.1.1.1 24', 'return']);
    expect(await d.applyCommands([])).toEqual([]);
  });

  it('mock: save checks the device reported success', async () => {
    const ok = getDriver('mock', { platform: 'ruijie-rgos', logger: silent, responses: { write: 'Building configuration...\n[OK]\n' } });
    await ok.open();
    await ok.save();
    const bad = getDriver('mock', { platform: 'huawei-vrp', logger: silent, responses: { save: 'Info: The operation has been cancelled.\n' } });
    await bad.open();
    await expect(bad.save()).rejects.toMatchObject({ code: 'DRIVER_SAVE' });
  });
});
