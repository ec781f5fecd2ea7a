import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SnmpType as T, SnmprecMib, compareOids, parseSnmprec } from '../../../src/lab/snmp/index.js';
import { deviceFixture } from '../../support/device-fixtures.js';

const RECORDINGS = deviceFixture('snmprec/librenms');

describe('snmprec parsing', () => {
  it('reads every tag form', () => {
    const entries = parseSnmprec([
      '1.3.6.1.2.1.1.3.0|67|3705225462',
      '1.3.6.1.2.1.1.1.0|4x|48690a0d',
      '1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.4881.1.1.10.1.150',
      '1.3.6.1.2.1.4.20.1.1.10.0.0.1|64|10.0.0.1',
      '1.3.6.1.2.1.4.20.1.3.10.0.0.1|64x|ffffff00',
      '1.3.6.1.2.1.31.1.1.1.6.1|70|18446744073709551615',
      '1.3.6.1.2.1.2.2.1.2.1|4|TenGigabitEthernet 0/1 ',
      '1.3.6.1.2.1.2.2.1.3.1|2|-5',
      '1.3.6.1.2.1.2.2.1.5.1|66|4294967295',
    ].join('\r\n'));
    const by = new Map(entries.map((e) => [e.oid.join('.'), e.value]));
    expect(entries.map((e) => e.oid.join('.'))).toEqual([...by.keys()].sort((a, b) => compareOids(a.split('.').map(Number), b.split('.').map(Number))));
    expect(by.get('1.3.6.1.2.1.1.3.0')).toEqual({ type: T.TimeTicks, value: 3705225462 });
    expect(by.get('1.3.6.1.2.1.1.1.0')).toEqual({ type: T.OctetString, value: Buffer.from('Hi\n\r') });
    expect(by.get('1.3.6.1.2.1.1.2.0')).toEqual({ type: T.OID, value: '1.3.6.1.4.1.4881.1.1.10.1.150' });
    expect(by.get('1.3.6.1.2.1.4.20.1.3.10.0.0.1')).toEqual({ type: T.IpAddress, value: '255.255.255.0' });
    expect(by.get('1.3.6.1.2.1.31.1.1.1.6.1')).toEqual({ type: T.Counter64, value: 18446744073709551615n });
    expect((by.get('1.3.6.1.2.1.2.2.1.2.1')!.value as Buffer).toString()).toBe('TenGigabitEthernet 0/1 ');
    expect(by.get('1.3.6.1.2.1.2.2.1.3.1')).toEqual({ type: T.Integer, value: -5 });
  });

  it('rejects what it cannot serve, naming the line', () => {
    expect(() => parseSnmprec('1.3.6.1|4:numeric|x', 'f.snmprec')).toThrow(/f\.snmprec:1: unsupported tag/);
    expect(() => parseSnmprec('1.3.6.1.2.1.1.3.0|67|-1\n', 'f')).toThrow(/f:1: bad unsigned/);
    expect(() => parseSnmprec('no pipes here')).toThrow(/OID\|TAG\|VALUE/);
  });

  it('loads every LibreNMS recording (CRLF, no final newline included), one entry per line', () => {
    const files = readdirSync(RECORDINGS).filter((f) => f.endsWith('.snmprec'));
    expect(files.length).toBe(13);
    for (const f of files) {
      const raw = readFileSync(resolve(RECORDINGS, f));
      const lines = raw.toString('latin1').split('\n').filter((l) => l.replace(/\r$/, '') !== '');
      expect(parseSnmprec(raw, f).length, f).toBe(lines.length);
    }
  });

  it('serves Get and GetNext in OID order', () => {
    const mib = new SnmprecMib(parseSnmprec(readFileSync(resolve(RECORDINGS, 'ruijie.snmprec'))));
    expect(mib.get([1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 1, 69]).value).toEqual(Buffer.from('Ag1'));
    expect(mib.get([1, 3, 6, 1, 2, 1, 2, 2, 1, 5, 1]).type).toBe(T.NoSuchInstance);
    const next = mib.next([1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 1, 68])!;
    expect(next.oid.join('.')).toBe('1.3.6.1.2.1.31.1.1.1.1.69');
    expect(mib.next([2])).toBeUndefined();
    expect(mib.set().error).toBe(17);
  });
});
