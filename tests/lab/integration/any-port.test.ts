/**
 * `snmpPort: 0` / `--snmp-port 0` means "any free port" for the SNMP agents as it does for SSH
 * (net-snmp alone would read 0 as unset and bind the privileged port 161).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type LabHandle, startLab } from '../../../src/lab/index.js';
import { startSnmpAgent } from '../../../src/lab/snmp/index.js';
import { deviceFixture } from '../../support/device-fixtures.js';
import { TOPOLOGIES, topology } from '../cli/helpers.js';
import { get, openSession } from '../snmp/client.js';
import { OID } from './helpers.js';

let lab: LabHandle;
beforeAll(async () => {
  lab = await startLab(topology(TOPOLOGIES.usgLab), { sshPort: 0, snmpPort: 0, env: {} });
});
afterAll(async () => {
  await lab?.stop();
});

it('every agent gets its own free, non-privileged port, and answers there', async () => {
  const ports = lab.devices.map((d) => d.snmpPort);
  for (const p of ports) expect(p).toBeGreaterThanOrEqual(1024);
  expect(new Set(ports).size).toBe(ports.length);
  for (const d of lab.devices) {
    const s = openSession(d.address, d.snmpPort, 'public', 3000);
    try {
      expect((await get(s, OID.sysName))[0]!.value).toBe(lab.network.device(d.name).sysName);
    } finally {
      s.close();
    }
  }
});

it('the same for a recording-backed agent started alone', async () => {
  const agent = await startSnmpAgent(null, { address: '127.10.9.1', port: 0, snmprecFile: deviceFixture('snmprec/librenms/ruijie.snmprec') });
  try {
    expect(agent.port).toBeGreaterThanOrEqual(1024);
    const s = openSession(agent.address, agent.port, 'public', 3000);
    try {
      expect((await get(s, OID.sysObjectID))[0]!.type).toBe(6);
    } finally {
      s.close();
    }
  } finally {
    await agent.stop();
  }
});
