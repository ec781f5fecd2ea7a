/**
 * `dcnet lab up ... --snmprec <device>=<file>` (repeatable): a lab device whose SNMP answers are a
 * real device's recording (snmpsim .snmprec, here LibreNMS's Huawei S5720), served exactly. The
 * option is parsed by parseSnmprecOption and reaches startLab's `snmprec`; the end-to-end test runs
 * `dcnet lab up` itself and walks the device over SNMP (snmp-native, GetBulk), comparing every
 * varbind with the file read independently here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { parseSnmprecOption } from '../../../src/cli/lab.js';
import { DcnetError } from '../../../src/errors.js';
import { labAddress } from '../../../src/lab/index.js';
import { deviceFixture } from '../../support/device-fixtures.js';
import { TOPOLOGIES, topology } from '../cli/helpers.js';
import { type VarBind, getAll, openSession } from '../snmp/client.js';
import { OID, bulkWalk, freePort } from './helpers.js';

const RECORDINGS = deviceFixture('snmprec/librenms');
const VRP_5720 = join(RECORDINGS, 'vrp_5720.snmprec');
const BACKED = 'core-1';
const COMMUNITY = 'city-snmprec-ro';

interface Recorded { tag: number; hex: boolean; text: string }

/** The recording as OID → line, read here without the lab's parser. */
function readRecording(file: string): Map<string, Recorded> {
  const out = new Map<string, Recorded>();
  for (const raw of readFileSync(file, 'latin1').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    const [oid, tag, ...rest] = line.split('|');
    out.set(oid!, { tag: Number(tag!.replace(/x$/, '')), hex: tag!.endsWith('x'), text: rest.join('|') });
  }
  return out;
}

const unsigned = (b: Buffer): bigint => b.reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);
const signed = (b: Buffer): bigint => (b.length && b[0]! & 0x80 ? unsigned(b) - (1n << BigInt(8 * b.length)) : unsigned(b));

/** Whether a varbind carries exactly the recorded value (type and bytes). */
function expectRecorded(vb: VarBind, rec: Recorded, oid: string): void {
  expect(vb.type, oid).toBe(rec.tag);
  const raw = vb.valueRaw!;
  switch (rec.tag) {
    case 4:
      expect(raw.equals(rec.hex ? Buffer.from(rec.text, 'hex') : Buffer.from(rec.text, 'latin1')), `${oid}: ${raw.toString('latin1')}`).toBe(true);
      return;
    case 6:
      expect((vb.value as number[]).join('.'), oid).toBe(rec.text.replace(/^\./, ''));
      return;
    case 64:
      expect([...raw].join('.'), oid).toBe(rec.hex ? [...Buffer.from(rec.text, 'hex')].join('.') : rec.text);
      return;
    case 2:
      expect(signed(raw), oid).toBe(BigInt(rec.text));
      return;
    default:
      expect(unsigned(raw), oid).toBe(BigInt(rec.text));
  }
}

describe('parseSnmprecOption (what --snmprec becomes)', () => {
  const devices = ['core-1', 'core-2'];

  it('maps each <device>=<file> to the absolute path of an existing file', () => {
    expect(parseSnmprecOption(undefined, devices)).toBeUndefined();
    expect(parseSnmprecOption([`core-1=${VRP_5720}`], devices)).toEqual({ 'core-1': VRP_5720 });
    expect(parseSnmprecOption(['core-1=vrp_5720.snmprec', 'core-2=ruijie.snmprec'], devices, RECORDINGS)).toEqual({
      'core-1': VRP_5720, 'core-2': join(RECORDINGS, 'ruijie.snmprec'),
    });
  });

  it('rejects what it cannot use, naming the problem', () => {
    const fails = (v: string[]) => {
      try {
        parseSnmprecOption(v, devices, RECORDINGS);
      } catch (e) {
        expect(e).toBeInstanceOf(DcnetError);
        return `${(e as DcnetError).code}: ${(e as Error).message}`;
      }
      throw new Error('accepted');
    };
    expect(fails(['vrp_5720.snmprec'])).toBe("CLI_USAGE: --snmprec takes <device>=<file>, got 'vrp_5720.snmprec'");
    expect(fails(['core-1='])).toMatch(/^CLI_USAGE: --snmprec takes <device>=<file>/);
    expect(fails(['nowhere=vrp_5720.snmprec'])).toBe("CLI_USAGE: --snmprec: no device 'nowhere' in the topology");
    expect(fails(['core-1=vrp_5720.snmprec', 'core-1=ruijie.snmprec'])).toBe("CLI_USAGE: --snmprec: device 'core-1' is named twice");
    expect(fails(['core-1=missing.snmprec'])).toBe('LAB_SNMPREC: --snmprec core-1: no file missing.snmprec');
  });

  it('`dcnet lab up` refuses a bad --snmprec before booting anything', async () => {
    let err = '';
    const code = await main(['lab', 'up', TOPOLOGIES.city, '--snmprec', 'nowhere=x.snmprec'], { out: () => undefined, err: (s) => { err += s; } });
    expect(code).toBe(1);
    expect(err).toBe("dcnet lab: CLI_USAGE: --snmprec: no device 'nowhere' in the topology");
  });
});

describe('dcnet lab up --snmprec', () => {
  let dir: string;
  let stateFile: string;
  let out = '';
  let up: Promise<number>;
  let address: string;
  let snmpPort: number;
  const recording = readRecording(VRP_5720);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dcnet-snmprec-'));
    stateFile = join(dir, 'lab.json');
    process.env.DCNET_LAB_STATE = stateFile;
    process.env.DCNET_SNMP_COMMUNITY = COMMUNITY; // the RGOS credentials' v2c community (env reference)
    const topo = topology(TOPOLOGIES.city);
    const port = await freePort(topo.devices.map((_, i) => labAddress(i)));
    const io = { out: (s: string) => { out += `${s}\n`; }, err: (s: string) => { out += `ERR ${s}\n`; } };
    up = main(['lab', 'up', TOPOLOGIES.city, '--ssh-port', String(port), '--snmp-port', String(port), '--snmprec', `${BACKED}=${VRP_5720}`], io);
    for (let i = 0; i < 200 && !existsSync(stateFile); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(stateFile), out).toBe(true);
    const row = new RegExp(`^${BACKED} +huawei-vrp +S9312 +(127\\.10\\.\\d+\\.\\d+) +(\\d+) +(\\d+)$`, 'm').exec(out)!;
    expect(row, out).toBeTruthy();
    address = row[1]!;
    snmpPort = Number(row[3]);
    expect(snmpPort).toBe(port);
  });

  afterAll(async () => {
    try {
      expect(await main(['lab', 'down'], { out: () => undefined, err: () => undefined })).toBe(0);
      expect(await up).toBe(0);
    } finally {
      delete process.env.DCNET_LAB_STATE;
      delete process.env.DCNET_SNMP_COMMUNITY;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which device answers from which recording', () => {
    expect(out).toContain(`\n${BACKED}: SNMP from the recording `);
    expect(out).toMatch(/vrp_5720\.snmprec\n/);
  });

  it('serves the recorded system group, ifTable and ifXTable values exactly', async () => {
    const s = openSession(address, snmpPort, 'public', 3000);
    try {
      const oids = [
        OID.sysDescr, OID.sysObjectID, OID.sysUpTime, OID.sysName,
        `${OID.ifDescr}.6`, `${OID.ifOperStatus}.6`, `${OID.ifName}.6`, `${OID.ifHighSpeed}.6`,
        `${OID.ifHCInOctets}.4`, `${OID.ifHCInOctets}.19`, '.1.3.6.1.4.1.2011.5.25.31.1.1.1.1.1.67108867',
      ];
      const vbs = await getAll(s, oids);
      vbs.forEach((vb, i) => {
        const oid = oids[i]!.slice(1);
        expect(vb.oid.join('.')).toBe(oid);
        expectRecorded(vb, recording.get(oid)!, oid);
      });
      // a few spelled out, so that the test does not only agree with itself
      expect(vbs[0]!.valueRaw!.toString('latin1')).toMatch(/^S5720-56C-PWR-EI-AC\nHuawei Versatile Routing Platform Software \r\n VRP \(R\) software,Version 5\.170 \(S5720 V200R010C00SPC600\) /);
      expect(vbs.slice(1, 4).map((v) => v.value)).toEqual([[1, 3, 6, 1, 4, 1, 2011, 2, 23, 291], 28156805, '<private>']);
      expect(vbs.slice(4, 10).map((v) => v.value)).toEqual(['GigabitEthernet0/0/1', 2, 'GigabitEthernet0/0/1', 1000, 98572671, 20816732]);
    } finally {
      s.close();
    }
  });

  it('a GetBulk walk of the whole agent returns every recorded varbind and nothing else', async () => {
    const s = openSession(address, snmpPort, 'public', 5000);
    try {
      const walked = await bulkWalk(s, '.1', 60, '.0.0');
      expect(walked.length).toBe(recording.size);
      for (const vb of walked) {
        const oid = vb.oid.join('.');
        const rec = recording.get(oid);
        expect(rec, oid).toBeDefined();
        expectRecorded(vb, rec!, oid);
      }
    } finally {
      s.close();
    }
  });

  it('only the named device: its neighbours still answer from the simulated state', async () => {
    const index = topology(TOPOLOGIES.city).devices.findIndex((d) => d.name === 'core-2');
    const s = openSession(labAddress(index), snmpPort, COMMUNITY, 3000);
    try {
      const [name, objectId] = await getAll(s, [OID.sysName, OID.sysObjectID]);
      expect(name!.value).toBe('Ruijie'); // the empty baseline's hostname
      expect((objectId!.value as number[]).slice(0, 7).join('.')).toBe('1.3.6.1.4.1.4881');
    } finally {
      s.close();
    }
  });
});
