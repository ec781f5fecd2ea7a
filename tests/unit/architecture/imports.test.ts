/**
 * Module boundaries (ARCHITECTURE.md): a module imports only the modules to its left, renderers
 * and drivers never see each other, and nothing in src/ imports lab/ but the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../../src');

/** What each module may import (besides itself and the shared files at the top of src/). */
const ALLOWED: Record<string, string[]> = {
  model: [],
  db: [],
  ipam: ['model'],
  intent: ['model', 'ipam'],
  render: ['model'],
  drivers: ['model'],
  snmp: ['model'],
  change: ['model', 'ipam', 'intent', 'render', 'drivers', 'db'],
  monitor: ['model', 'snmp', 'drivers', 'db'],
  tenancy: ['model', 'ipam', 'change', 'db'],
  jobs: ['model', 'ipam', 'intent', 'render', 'drivers', 'snmp', 'change', 'monitor', 'tenancy', 'db'],
  api: ['model', 'ipam', 'intent', 'render', 'drivers', 'snmp', 'change', 'monitor', 'tenancy', 'jobs', 'db'],
  web: [],
  lab: ['model', 'render'],
  cli: ['*'],
};
const SHARED = new Set(['errors.ts', 'log.ts', 'package-root.ts']);
const PLATFORM_FOLDERS = new Set(['render', 'drivers']);
/** Only these sub-folders are platforms; others (drivers/session, drivers/common, drivers/shared-vrp) are shared by the platforms. */
const PLATFORMS = new Set(['huawei-vrp', 'ruijie-rgos', 'huawei-usg']);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

function moduleOf(file: string): { module: string; platform?: string } {
  const parts = relative(SRC, file).split('/');
  if (parts.length === 1) return { module: parts[0] === 'cli.ts' ? 'cli' : parts[0]! };
  const module = parts[0]!;
  const platform = PLATFORM_FOLDERS.has(module) && parts.length > 2 && PLATFORMS.has(parts[1]!) ? parts[1] : undefined;
  return { module, platform };
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    out.push(m[1] ?? m[2]!);
  }
  return out;
}

describe('module boundaries', () => {
  const files = walk(SRC);

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('every import points leftwards in the module order', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = moduleOf(file);
      for (const spec of importsOf(file)) {
        const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
        if (!target.startsWith(SRC)) { violations.push(`${relative(SRC, file)} reaches outside src/: ${spec}`); continue; }
        const rel = relative(SRC, target);
        if (SHARED.has(rel)) continue;
        const to = moduleOf(target);
        if (to.module === from.module) {
          if (from.platform && to.platform && from.platform !== to.platform) {
            violations.push(`${relative(SRC, file)} (${from.module}/${from.platform}) imports another platform: ${rel}`);
          }
          continue;
        }
        const allowed = ALLOWED[from.module];
        if (!allowed) { violations.push(`${relative(SRC, file)}: module '${from.module}' is not in ARCHITECTURE.md`); continue; }
        if (allowed.includes('*')) continue;
        if (!allowed.includes(to.module)) violations.push(`${relative(SRC, file)} (${from.module}) imports ${rel} (${to.module})`);
      }
    }
    expect(violations).toEqual([]);
  });
});
