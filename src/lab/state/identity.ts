/**
 * Who a lab device says it is: sysDescr, sysObjectID, software version, serial, base MAC, memory,
 * CPU and memory load. Forms follow the recordings in ../shared/fixtures/snmprec/librenms:
 *
 *  - VRP 5 on S5720 (vrp_5720): `S5720-56C-PWR-EI-AC\nHuawei Versatile Routing Platform Software \r\n
 *    VRP (R) software,Version 5.170 (S5720 V200R010C00SPC600) \r\n Copyright (C) 2007 Huawei
 *    Technologies Co., Ltd.` (no blank after the comma, as recorded).
 *  - VRP 5.70 on S2700 (vrp_4): the same text on one line.
 *  - RGOS (ruijie, ruijie_s6150): `Ruijie 10G Routing Switch(S6220-48XS4QXS) By Ruijie Networks`.
 *
 * The S9300/S5700/S2700 and RG-S8610/S5750 strings are composed from those patterns (no recording
 * of those models exists); the USG strings are composed from the VRP form (no USG recording at all).
 * Everything else is deterministic from the device name, so two runs of a lab agree.
 */
import { createHash } from 'node:crypto';
import { findDeviceModel, type Device, type Platform } from '../../model/index.js';
import type { DeviceIdentity } from './types.js';

interface ModelFacts {
  family: string;
  osVersion: string;
  release: string;
  /** The product phrase of an RGOS sysDescr. */
  ruijiePhrase?: string;
  sysObjectId?: string;
  oneLine?: boolean;
  copyright?: string;
  memoryMB: number;
  flashMB: number;
}

const VRP5_RELEASE = 'V200R010C00SPC600';

const FACTS: Record<string, ModelFacts> = {
  S9312: { family: 'S9300', osVersion: '5.170', release: VRP5_RELEASE, memoryMB: 2048, flashMB: 512 },
  S9303: { family: 'S9300', osVersion: '5.170', release: VRP5_RELEASE, memoryMB: 2048, flashMB: 512 },
  'S5700-28C-EI': { family: 'S5700', osVersion: '5.170', release: VRP5_RELEASE, memoryMB: 512, flashMB: 128 },
  'S2700-26TP-SI': {
    family: 'S2700', osVersion: '5.70', release: 'V100R006C05', oneLine: true,
    copyright: 'Copyright (C) 2003-2013 Huawei Technologies Co., Ltd.', memoryMB: 128, flashMB: 32,
  },
  'RG-S8610': { family: 'S8600', osVersion: '10.4(3b17)p2', release: 'RGOS 10.4(3b17)p2', ruijiePhrase: '10G Core Routing Switch', memoryMB: 1024, flashMB: 256 },
  'RG-S5750-24GT/12SFP': {
    family: 'S5750', osVersion: '10.4(3b17)p2', release: 'RGOS 10.4(3b17)p2', ruijiePhrase: 'Gigabit Routing Switch', memoryMB: 512, flashMB: 128,
  },
  // USG6510 is the one USG6000 sysObjectID reference/snmp.md confirms (2011.2.321.1.7).
  USG6000: { family: 'USG6000', osVersion: '5.160', release: 'V500R001C30SPC600', sysObjectId: '1.3.6.1.4.1.2011.2.321.1.7', memoryMB: 4096, flashMB: 1024 },
  // usg5000 family node (unverified for the USG2205BSR).
  USG2205BSR: { family: 'USG2200', osVersion: '5.30', release: 'V300R001C10SPC300', sysObjectId: '1.3.6.1.4.1.2011.2.125', memoryMB: 512, flashMB: 128 },
};

const DEFAULT_FACTS: Record<Platform, ModelFacts> = {
  'huawei-vrp': { family: 'S5700', osVersion: '5.170', release: VRP5_RELEASE, sysObjectId: '1.3.6.1.4.1.2011.2.23', memoryMB: 512, flashMB: 128 },
  'huawei-usg': FACTS.USG6000!,
  'ruijie-rgos': { family: 'S5750', osVersion: '10.4(3b17)p2', release: 'RGOS 10.4(3b17)p2', ruijiePhrase: 'Routing Switch', sysObjectId: '1.3.6.1.4.1.4881.1.1.10.1', memoryMB: 512, flashMB: 128 },
};

/** OUIs seen in the recordings: Huawei 48:8e:ef, Ruijie 58:69:6c. */
const OUI: Record<string, [number, number, number]> = { huawei: [0x48, 0x8e, 0xef], ruijie: [0x58, 0x69, 0x6c] };

function digest(name: string): Buffer {
  return createHash('sha256').update(`dcnet-lab:${name}`).digest();
}

/** A stable MAC per device: the vendor's OUI and three bytes from the device name; the last byte's low nibble is 0. */
export function baseMacOf(device: Pick<Device, 'name' | 'vendor'>): Buffer {
  const h = digest(device.name);
  const oui = OUI[device.vendor] ?? [0x02, 0x00, 0x00];
  return Buffer.from([oui[0], oui[1], oui[2], h[0]!, h[1]!, h[2]! & 0xf0]);
}

export function formatMac(mac: Buffer, sep = ':'): string {
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join(sep);
}

/** Huawei CLI form: `488e-ef12-3450`. */
export function formatMacHuawei(mac: Buffer): string {
  const h = mac.toString('hex');
  return `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}`;
}

/** Ruijie CLI form: `5869.6c12.3450`. */
export function formatMacRuijie(mac: Buffer): string {
  const h = mac.toString('hex');
  return `${h.slice(0, 4)}.${h.slice(4, 8)}.${h.slice(8, 12)}`;
}

function factsOf(device: Pick<Device, 'model' | 'platform'>): ModelFacts {
  return FACTS[device.model] ?? DEFAULT_FACTS[device.platform];
}

function sysDescrOf(device: Pick<Device, 'model' | 'platform' | 'vendor'>, f: ModelFacts): string {
  if (device.vendor === 'ruijie') {
    const product = device.model.replace(/^RG-/, '');
    return `Ruijie ${f.ruijiePhrase ?? 'Routing Switch'}(${product}) By Ruijie Networks`;
  }
  const copyright = f.copyright ?? 'Copyright (C) 2007 Huawei Technologies Co., Ltd.';
  const vrp = `VRP (R) software,Version ${f.osVersion} (${f.family} ${f.release})`;
  if (f.oneLine) return `${device.model} Huawei Versatile Routing Platform Software ${vrp} ${copyright}`;
  return `${device.model}\nHuawei Versatile Routing Platform Software \r\n ${vrp} \r\n ${copyright}`;
}

export function identityOf(device: Device): DeviceIdentity {
  const f = factsOf(device);
  const catalogue = findDeviceModel(device.model);
  const h = digest(device.name);
  const serial = device.vendor === 'ruijie'
    ? `G1M${h.subarray(3, 8).toString('hex').toUpperCase().slice(0, 10)}`
    : `2102${h.subarray(3, 11).toString('hex').toUpperCase().slice(0, 16)}`;
  const layer3 = device.layer !== 'access';
  return {
    vendor: device.vendor,
    platform: device.platform,
    model: device.model,
    family: f.family,
    osVersion: f.osVersion,
    release: f.release,
    sysDescr: sysDescrOf(device, f),
    sysObjectId: catalogue?.sysObjectId ?? f.sysObjectId ?? (device.vendor === 'ruijie' ? '1.3.6.1.4.1.4881.1.1.10.1' : '1.3.6.1.4.1.2011.2'),
    serial,
    baseMac: formatMac(baseMacOf(device)),
    memoryBytes: f.memoryMB * 1024 * 1024,
    flashBytes: f.flashMB * 1024 * 1024,
    sysServices: layer3 ? 6 : 2,
  };
}

/** Stable, plausible load figures from the device name: CPU 8-30 %, memory 25-55 %, 38-49 °C. */
export function loadOf(name: string): { cpuPercent: number; memoryPercent: number; temperatureC: number } {
  const h = digest(name);
  return { cpuPercent: 8 + (h[12]! % 23), memoryPercent: 25 + (h[13]! % 31), temperatureC: 38 + (h[14]! % 12) };
}

/** The SNMPv3 engine ID: RFC 3411 format 3 (MAC) under the vendor's enterprise number (Huawei 2011, Ruijie 4881). */
export function engineIdOf(device: Pick<Device, 'name' | 'vendor'>): string {
  const enterprise = device.vendor === 'ruijie' ? 4881 : 2011;
  const head = Buffer.alloc(5);
  head.writeUInt32BE((0x80000000 | enterprise) >>> 0, 0);
  head[4] = 3;
  return Buffer.concat([head, baseMacOf(device)]).toString('hex');
}
