/**
 * Golden files: every huawei-usg device of the reference topologies (topology/*) and of the
 * renderer's own small network (tests/fixtures/huawei-usg/usg-lab), rendered and compared with
 * tests/golden/huawei-usg/<network>/<device>.cfg. `UPDATE_GOLDEN=1 npx vitest run
 * tests/unit/render/huawei-usg` rewrites them; read the diff against reference/huawei-usg.md.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverNetworks, loadTopology } from '../../../../src/model/index.js';
import { renderHuaweiUsg } from '../../../../src/render/huawei-usg/index.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const GOLDEN = join(ROOT, 'tests/golden/huawei-usg');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const networks = [
  ...discoverNetworks(join(ROOT, 'topology')),
  join(ROOT, 'tests/fixtures/huawei-usg/usg-lab'),
];

for (const dir of networks) {
  const network = basename(dir);
  const loaded = loadTopology(dir);
  const devices = loaded.topology.devices.filter((d) => d.platform === 'huawei-usg');
  const goldenDir = join(GOLDEN, network);

  describe(`huawei-usg goldens: ${network}`, () => {
    it('loads without schema errors', () => {
      expect(loaded.findings.filter((f) => f.code.startsWith('MODEL_'))).toEqual([]);
      expect(loaded.schemaValid).toBe(true);
    });

    for (const device of devices) {
      it(device.name, () => {
        const text = renderHuaweiUsg({ topology: loaded.topology, device });
        const file = join(goldenDir, `${device.name}.cfg`);
        if (UPDATE) {
          mkdirSync(goldenDir, { recursive: true });
          writeFileSync(file, text);
        }
        expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
        expect(text).toBe(readFileSync(file, 'utf8'));
      });
    }

    it('has a golden file for every USG device and no other', () => {
      const wanted = devices.map((d) => `${d.name}.cfg`).sort();
      if (UPDATE && existsSync(goldenDir)) {
        for (const f of readdirSync(goldenDir)) if (!wanted.includes(f)) rmSync(join(goldenDir, f));
      }
      const present = existsSync(goldenDir) ? readdirSync(goldenDir).sort() : [];
      expect(present).toEqual(wanted);
    });
  });
}
