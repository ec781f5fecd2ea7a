/**
 * SNMP SET port actions against the lab's SNMP agents (snmp-native, SNMPv2c): shut / no-shut and
 * alias, found by name, verified by reading back — and seen by the SSH driver too (the lab mirrors
 * the SET into the device's configuration). Each failure has its own typed error.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  MemoryHostKeyStore, Secret, SessionPool, findPortIndex, getDriver, setPortAdminStatus, setPortAlias, type SnmpSetOptions,
} from '../../../src/drivers/index.js';
import { type LabHandle, startLab } from '../../../src/lab/index.js';
import { loadTopology } from '../../../src/model/index.js';
import { PROVINCIAL } from '../../contract/driver.contract.js';
import { caught } from '../../support/driver-errors.js';

const COMMUNITY = 'lab-rw-community';
const PASSWORD = 'snmp-test-pass';
const DEVICES = { 'huawei-vrp': { name: 'host-acc-1', port: 'GigabitEthernet0/0/5' }, 'ruijie-rgos': { name: 'host-agg-2', port: 'GigabitEthernet 0/5' } } as const;

let lab: LabHandle;

beforeAll(async () => {
  const topology = loadTopology(PROVINCIAL).topology!;
  lab = await startLab(topology, {
    sshPort: 0, snmpPort: 0, configured: true, only: Object.values(DEVICES).map((d) => d.name), password: PASSWORD, env: { DCNET_SNMP_COMMUNITY: COMMUNITY },
  });
});

afterAll(async () => {
  await lab?.stop();
});

function target(name: string, extra: Partial<SnmpSetOptions> = {}): SnmpSetOptions {
  const e = lab.devices.find((d) => d.name === name)!;
  return { device: name, host: e.address, port: e.snmpPort, community: new Secret(COMMUNITY), timeouts: [500, 500], ...extra };
}

describe.each(Object.entries(DEVICES))('SNMP SET on %s', (platform, { name, port }) => {
  it('shuts and no-shuts a port by name, verified by reading back', async () => {
    const down = await setPortAdminStatus(target(name), port, false);
    expect(down).toMatchObject({ device: name, port, object: 'ifAdminStatus', value: 2, operStatus: 2 });
    expect(lab.network.device(name).adminUp(port)).toBe(false);
    const up = await setPortAdminStatus(target(name), port, true);
    expect(up.value).toBe(1);
    expect(lab.network.device(name).adminUp(port)).toBe(true);
  });

  it('sets the alias, which the SSH driver then reads as the description', async () => {
    const r = await setPortAlias(target(name), port, 'dcnet snmp alias');
    expect(r).toMatchObject({ object: 'ifAlias', value: 'dcnet snmp alias' });
    const e = lab.devices.find((d) => d.name === name)!;
    const driver = getDriver(platform as 'huawei-vrp', {
      device: name, host: e.address, port: e.sshPort, credentials: { username: 'dcnet', password: new Secret(PASSWORD) },
      hostKeys: new MemoryHostKeyStore(), pool: new SessionPool(), logger: pino({ level: 'silent' }),
    });
    await driver.open();
    try {
      const ifs = await driver.getInterfaces();
      expect(ifs.find((i) => i.name.replace(/\s+/g, '') === port.replace(/\s+/g, ''))?.description).toBe('dcnet snmp alias');
    } finally {
      await driver.close();
    }
  });

  it('finds a port whatever its spacing and case, and by a known ifIndex', async () => {
    const index = await findPortIndex(target(name), port);
    expect(await findPortIndex(target(name), port.replace(/\s+/g, '').toUpperCase())).toBe(index);
    expect((await setPortAlias(target(name, { ifIndex: index }), port, '')).ifIndex).toBe(index);
    expect((await caught(findPortIndex(target(name, { ifIndex: index + 1 }), port))).code).toBe('DRIVER_SNMP_NOT_FOUND');
  });

  it('DRIVER_SNMP_NOT_FOUND for a port the device does not have', async () => {
    const err = await caught(setPortAdminStatus(target(name), 'GigabitEthernet9/9/99', false));
    expect(err.code).toBe('DRIVER_SNMP_NOT_FOUND');
    expect(err.details).toMatchObject({ port: 'GigabitEthernet9/9/99' });
  });

  it('DRIVER_SNMP_TIMEOUT for a wrong community (the agent stays silent), never printing the community', async () => {
    const err = await caught(setPortAdminStatus(target(name, { community: new Secret('not-the-community'), timeouts: [150] }), port, false));
    expect(err.code).toBe('DRIVER_SNMP_TIMEOUT');
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('not-the-community');
  });

  it('DRIVER_SNMP_TIMEOUT when the agent is silent (lab fault)', async () => {
    lab.network.device(name).setFaults({ snmpSilent: true });
    try {
      const err = await caught(setPortAlias(target(name, { timeouts: [150] }), port, 'x'));
      expect(err.code).toBe('DRIVER_SNMP_TIMEOUT');
    } finally {
      lab.network.device(name).setFaults({ snmpSilent: undefined });
    }
  });

  it('refuses an alias longer than ifAlias holds', async () => {
    expect((await caught(setPortAlias(target(name), port, 'x'.repeat(65)))).code).toBe('DRIVER_SNMP');
  });
});
