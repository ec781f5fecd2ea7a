/**
 * The "done when": the configuration src/render produces for a device, typed line by line
 * into its simulator (from the empty baseline, as an operator pastes it: `#`/`!` lines, indentation,
 * `quit`-less sub-views, the closing `return`/`end`), is accepted without a single error and read
 * back identical. Every device of both reference topologies (and the USG lab), every platform.
 * The same through SSH is in ../ssh/ssh-client.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { renderDevice } from '../../../src/render/index.js';
import { TOPOLOGIES, Terminal, makeLab, topology } from './helpers.js';

const ERROR_LINE = /^(?:Error|%)/;

for (const [label, path] of Object.entries(TOPOLOGIES)) {
  describe(`${label}: rendered configurations typed into the simulators`, () => {
    const t = topology(path);
    const lab = makeLab(path);
    for (const platform of ['huawei-vrp', 'ruijie-rgos', 'huawei-usg'] as const) {
      const devices = t.devices.filter((d) => d.platform === platform);
      if (devices.length === 0) continue;
      it(`${platform}: ${devices.length} devices accept every line and read back identical`, async () => {
        for (const d of devices) {
          const text = renderDevice(t, d.name);
          const term = new Terminal(lab.cli(d.name));
          await term.start();
          const pre = platform === 'ruijie-rgos' ? ['enable', 'terminal length 0', 'configure terminal'] : ['screen-length 0 temporary', 'system-view'];
          const out = await term.send([...pre, ...text.split('\n')].join('\r'));
          const errors = out.split('\r\n').filter((l) => ERROR_LINE.test(l));
          expect(errors, `${d.name}: lines the simulator rejected`).toEqual([]);
          // back in EXEC after `return` / `end`
          expect(out.endsWith(platform === 'ruijie-rgos' ? `${d.name}#` : `<${d.name}>`), d.name).toBe(true);
          const shown = await term.lines(platform === 'ruijie-rgos' ? 'show running-config' : 'display current-configuration');
          const header = platform === 'ruijie-rgos' ? 4 : 1;
          expect(`${shown.slice(header).join('\n')}\n`, d.name).toBe(text);
          expect(lab.net.device(d.name).running, d.name).toBe(text);
        }
      });
    }
  });
}
