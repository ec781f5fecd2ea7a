/**
 * The `dropOnCommands` fault: the connection drops right after the device has run a given command
 * (the change engine's fault matrix drops a batch at its k-th command this way), through the state
 * API and the control API alike.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadTopology } from '../../../src/model/index.js';
import { startControlServer, type ControlServer } from '../../../src/lab/control.js';
import { type LabHandle, startLab } from '../../../src/lab/index.js';
import { PASSWORD, PROVINCIAL, Shell, closed, connect } from './helpers.js';

let lab: LabHandle;
let control: ControlServer;
const entry = () => lab.devices.find((d) => d.name === 'wan-acc-1')!;
const device = () => lab.network.device('wan-acc-1');

beforeAll(async () => {
  lab = await startLab(loadTopology(PROVINCIAL).topology!, { sshPort: 0, snmp: false, only: ['wan-acc-1'], configured: true, password: PASSWORD, env: {} });
  control = await startControlServer(lab);
});

afterAll(async () => {
  await control?.close();
  await lab?.stop();
});

it('drops the connection after the listed command has run (and not before)', async () => {
  const res = await fetch(`${control.url}/devices/wan-acc-1/faults`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dropOnCommands: ['sysname  dropped-here'] }),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { faults: { dropOnCommands: string[] } }).faults.dropOnCommands).toEqual(['sysname  dropped-here']);
  const { client } = await connect(entry());
  const sh = await Shell.open(client);
  await sh.until(/>$/);
  expect(await sh.run('system-view')).toMatch(/\[wan-acc-1\]$/);
  expect(await sh.run('sysname other')).toMatch(/\[other\]$/);
  const gone = closed(client);
  sh.send('sysname dropped-here\r');
  await gone;
  expect(sh.closed).toBe(true);
  // The command ran: the running configuration has it (not saved).
  expect(device().running).toContain('sysname dropped-here');
  device().setFaults({ dropOnCommands: undefined });
  expect(device().faults.dropOnCommands).toBeUndefined();
  // Put the name back.
  const again = await connect(entry());
  const sh2 = await Shell.open(again.client);
  await sh2.until(/>$/);
  await sh2.run('system-view');
  await sh2.run('sysname wan-acc-1');
  await sh2.run('return');
  again.client.end();
  expect(device().running).toContain('sysname wan-acc-1');
});
