/** Small formatting helpers shared by the platforms' display/show outputs. */
import type { CliDevice, CliHost } from './device-port.js';
import type { ConfigStore } from './config-store.js';

export interface DisplayContext {
  device: CliDevice;
  host: CliHost;
  store: ConfigStore;
}

/** `left` padded to `width`, or followed by one blank when it is as long or longer. */
export function col(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `2026-04-22 10:12:22` in UTC. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

const plural = (n: number, word: string): string => `${n} ${n > 1 ? `${word}s` : word}`;

/** VRP5: `85 weeks, 4 days, 0 hour, 10 minutes` (plural only above one, as the captures show). */
export function vrpUptime(ms: number): string {
  const mins = Math.floor(ms / 60000);
  const weeks = Math.floor(mins / (7 * 1440));
  const days = Math.floor((mins % (7 * 1440)) / 1440);
  const hours = Math.floor((mins % 1440) / 60);
  return `${plural(weeks, 'week')}, ${plural(days, 'day')}, ${plural(hours, 'hour')}, ${plural(mins % 60, 'minute')}`;
}

/** RGOS: `days:hours:minutes:seconds` (`846:16:52:08`). */
export function rgosUptime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 86400)}:${pad2(Math.floor((s % 86400) / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

/** Interface name order of brief tables: the type's letters, then each number. */
export function compareInterfaceNames(a: string, b: string): number {
  const split = (s: string): [string, number[]] => {
    const m = /^([A-Za-z-]*[A-Za-z-])\s*(\d[\d/.:]*)?/.exec(s);
    return [m?.[1] ?? s, (m?.[2] ?? '').split(/[/.:]/).filter(Boolean).map(Number)];
  };
  const [ta, na] = split(a);
  const [tb, nb] = split(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

/** Utilisation as VRP prints it: `0%`, `0.01%`, `13.57%`, `100%`. */
export function utilisation(bps: number, speedBps: number): string {
  if (!(speedBps > 0) || bps <= 0) return '0%';
  const pct = (bps / speedBps) * 100;
  if (pct >= 100) return '100%';
  if (pct < 0.01) return '0.01%';
  return `${pct.toFixed(2)}%`;
}

/** The rates of a port from the host, or zero. */
export function portRates(ctx: DisplayContext, port: string): { inBps: number; outBps: number } {
  return ctx.host.portRates?.(ctx.device.name, port) ?? { inBps: 0, outBps: 0 };
}
