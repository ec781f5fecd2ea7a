/**
 * Golden files: the rendered configuration of every ruijie-rgos device of the reference topologies,
 * checked in under tests/golden/ruijie-rgos/<network>/<device>.cfg and reviewed against
 * reference/ruijie-rgos.md. `UPDATE_GOLDEN=1 npx vitest run tests/unit/render/ruijie-rgos` rewrites them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../../../src/model/index.js';
import { renderRuijieRgos } from '../../../../src/render/ruijie-rgos/index.js';

const NETWORKS = ['topology/city-extranet', 'topology/provincial-dc'];
const GOLDEN = 'tests/golden/ruijie-rgos';
const update = process.env.UPDATE_GOLDEN === '1';

for (const path of NETWORKS) {
  describe(`golden configs of ${path}`, () => {
    const { topology } = loadTopology(path);
    const dir = join(GOLDEN, topology.network?.name ?? basename(path));
    const devices = topology.devices.filter((d) => d.platform === 'ruijie-rgos');

    it('has ruijie-rgos devices', () => {
      expect(devices.length).toBeGreaterThan(0);
    });

    for (const device of devices) {
      it(`${device.name} renders as its golden file`, () => {
        const text = renderRuijieRgos({ topology, device });
        const file = join(dir, `${device.name}.cfg`);
        if (update) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(file, text);
        }
        expect(existsSync(file), `${file} missing: run with UPDATE_GOLDEN=1`).toBe(true);
        expect(text).toBe(readFileSync(file, 'utf8'));
      });
    }

    it('keeps no golden file for a device that is gone', () => {
      const names = new Set(devices.map((d) => `${d.name}.cfg`));
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cfg')) : [];
      expect(files.filter((f) => !names.has(f))).toEqual([]);
    });
  });
}
