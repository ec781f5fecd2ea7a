/**
 * Golden files: the rendered configuration of every huawei-vrp device of the reference topologies,
 * under tests/golden/huawei-vrp/<network>/<device>.cfg, reviewed by reading them against
 * reference/huawei-vrp.md. `UPDATE_GOLDEN=1 npx vitest run tests/unit/render/huawei-vrp` rewrites them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../../../src/model/index.js';
import { renderHuaweiVrp } from '../../../../src/render/huawei-vrp/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const goldenRoot = join(root, 'tests/golden/huawei-vrp');
const update = process.env.UPDATE_GOLDEN === '1';
const NETWORKS = ['city-extranet', 'provincial-dc'];

for (const network of NETWORKS) {
  const dir = join(root, 'topology', network);
  describe(`huawei-vrp golden: ${network}`, () => {
    const loaded = loadTopology(dir);
    const devices = loaded.topology.devices.filter((d) => d.platform === 'huawei-vrp');
    const goldenDir = join(goldenRoot, network);

    it('loads without schema errors and has huawei-vrp devices', () => {
      expect(loaded.schemaValid, JSON.stringify(loaded.findings.slice(0, 5))).toBe(true);
      expect(devices.length).toBeGreaterThan(0);
    });

    it('has no golden file for a device that no longer exists', () => {
      const expected = new Set(devices.map((d) => `${d.name}.cfg`));
      const present = existsSync(goldenDir) ? readdirSync(goldenDir).filter((f) => f.endsWith('.cfg')) : [];
      const stale = present.filter((f) => !expected.has(f));
      if (update) for (const f of stale) rmSync(join(goldenDir, f));
      else expect(stale).toEqual([]);
    });

    for (const device of devices) {
      it(`${device.name} matches its golden file`, () => {
        const text = renderHuaweiVrp({ topology: loaded.topology, device });
        const file = join(goldenDir, `${device.name}.cfg`);
        if (update || !existsSync(file)) {
          mkdirSync(goldenDir, { recursive: true });
          writeFileSync(file, text);
          if (!update) throw new Error(`golden file ${file} was missing and has been written; review it and re-run`);
        }
        expect(text).toBe(readFileSync(file, 'utf8'));
      });
    }
  });
}
